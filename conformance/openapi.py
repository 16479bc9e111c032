"""The twin's OpenAPI document against FastAPI's: run by run.sh.

- Both documents validate as OpenAPI 3.1 (openapi-spec-validator).
- `ValidationError` and `HTTPValidationError` equal FastAPI's.
- Every operation of FastAPI's document is in ours, with a 422 exactly when
  FastAPI's has one, and that 422 equal to FastAPI's, and the request body
  in the same content types.
- `securitySchemes` equal FastAPI's, and each operation's `security` too, but
  for an optional scheme (`Option<T>`, FastAPI's `auto_error=False`), which
  ours also lists `{}` for (no credentials), as the README says.

Exits 1 on any difference.
"""

import json
import sys
import urllib.request

from openapi_spec_validator import validate


def document(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json") as res:
        return json.load(res)


def main():
    fastapi, ours = document(int(sys.argv[1])), document(int(sys.argv[2]))
    problems = []
    for name, doc in (("FastAPI", fastapi), ("ours", ours)):
        try:
            validate(doc)
        except Exception as error:  # the validator's own exception types vary by version
            problems.append(f"{name}: not valid OpenAPI {doc['openapi']}: {error}")

    for schema in ("ValidationError", "HTTPValidationError"):
        theirs, mine = fastapi["components"]["schemas"][schema], ours["components"]["schemas"].get(schema)
        if theirs != mine:
            problems.append(f"components.schemas.{schema}: FastAPI {json.dumps(theirs)}, ours {json.dumps(mine)}")

    theirs, mine = fastapi["components"].get("securitySchemes"), ours["components"].get("securitySchemes")
    if theirs != mine:
        problems.append(f"components.securitySchemes: FastAPI {json.dumps(theirs)}, ours {json.dumps(mine)}")

    operations = 0
    for path, item in fastapi["paths"].items():
        for method, operation in item.items():
            operations += 1
            mine = ours["paths"].get(path, {}).get(method)
            if mine is None:
                problems.append(f"{method.upper()} {path}: not in our document")
                continue
            theirs_security = operation.get("security")
            if theirs_security is not None and path.endswith("/optional"):
                theirs_security = theirs_security + [{}]
            if theirs_security != mine.get("security"):
                problems.append(
                    f"{method.upper()} {path}: security FastAPI {json.dumps(theirs_security)}, "
                    f"ours {json.dumps(mine.get('security'))}"
                )
            theirs_body = sorted(operation.get("requestBody", {}).get("content", {}))
            mine_body = sorted(mine.get("requestBody", {}).get("content", {}))
            if theirs_body != mine_body:
                problems.append(f"{method.upper()} {path}: request body FastAPI {theirs_body}, ours {mine_body}")
            theirs_422 = operation["responses"].get("422")
            mine_422 = mine["responses"].get("422")
            if theirs_422 != mine_422:
                problems.append(
                    f"{method.upper()} {path}: 422 FastAPI {json.dumps(theirs_422)}, ours {json.dumps(mine_422)}"
                )

    print(f"OpenAPI: {operations} operations, request body types, 422 parts, security and their schemas compared, "
          f"both documents validated as OpenAPI {ours['openapi']}: "
          f"{'no difference' if not problems else f'{len(problems)} problems'}")
    for problem in problems:
        print("  " + problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
