"""The conformance corpus: (name, method, target, headers, body) for every request.

Values are chosen to exercise pydantic-core's lax parsing rules (numbers,
booleans, UUIDs, enums), each extractor's errors, the HTTP errors and the
routing errors, and hostile input."""

import base64
import json
from urllib.parse import quote

# Strings a client may send where an int, a float or a bool is expected.
SCALARS = [
    "0", "1", "-1", "+1", " 1", "1 ", "1_000", "1__0", "_1", "1_", "1.0", "1.5",
    "1e3", "0x10", "abc", "", "\u0663", "\uff11", "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", "1e400", "inf", "-inf", "nan",
    "true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "TRUE", "True",
    " true", "0.0", "00", "01", "1.", "256", "-0",
]


def cases():
    out = []

    def add(name, method, target, headers=None, body=None):
        out.append((name, method, target, headers or {}, body))

    for value in SCALARS:
        encoded = quote(value, safe="")
        for kind in ("int", "float", "bool"):
            if value:  # an empty path segment is another route
                add(f"path {kind} {value!r}", "GET", f"/{kind}/{encoded}")
            add(f"query {kind} {value!r}", "GET", f"/query/{kind}?q={encoded}")
        if value.isascii() and value.strip() == value:
            add(f"header int {value!r}", "GET", "/header/int", {"x-count": value})
            add(f"cookie int {value!r}", "GET", "/cookie/int", {"cookie": f"n={value}"})
        add(f"form int {value!r}", "POST", "/form", {"content-type": "application/x-www-form-urlencoded"},
            f"username=ann&age={encoded}".encode())
        if value:
            add(f"path u8 {value!r}", "GET", f"/u8/{encoded}")

    for value in ["123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
                  "123e4567e89b12d3a456426614174000", "{123e4567-e89b-12d3-a456-426614174000}",
                  "urn:uuid:123e4567-e89b-12d3-a456-426614174000", "not-a-uuid", "123",
                  "123e4567-e89b-12d3-a456-42661417400"]:
        add(f"path uuid {value!r}", "GET", f"/uuid/{quote(value, safe='')}")
    for value in ["small", "large", "Small", "medium", "1"]:
        add(f"path enum {value!r}", "GET", f"/size/{value}")

    # Several query parameters at once.
    for query in ["q=1", "q=1&name=ann", "q=1&limit=300", "q=1&limit=x", "q=x&limit=x", "",
                  "q=1&tags=a&tags=b", "q=1&q=2", "q=1&name=%ff", "q=1&name=%E4%B8%AD",
                  "q=1&limit=", "name=ann", "q=1&tags="]:
        add(f"query many {query!r}", "GET", f"/query/many?{query}")

    # Headers and cookies.
    add("header token missing", "GET", "/header/token")
    add("header token", "GET", "/header/token", {"x-token": "secret"})
    add("header token underscore", "GET", "/header/token", {"x_token": "secret"})
    add("header int missing", "GET", "/header/int")
    add("cookie session missing", "GET", "/cookie/session")
    add("cookie session", "GET", "/cookie/session", {"cookie": "session=abc"})
    add("cookie session other", "GET", "/cookie/session", {"cookie": "other=abc"})

    # JSON bodies.
    json_ct = {"content-type": "application/json"}
    item = {"name": "towel", "price": 9.5}
    bodies = [
        ("valid", item),
        ("all fields", {**item, "tags": ["a"], "size": "small", "address": {"city": "x", "zip": 1},
                        "count": 2, "active": False}),
        ("missing name", {"price": 1}),
        ("missing both", {}),
        ("name int", {"name": 1, "price": 1}),
        ("name null", {"name": None, "price": 1}),
        ("name list", {"name": ["a"], "price": 1}),
        ("price str", {"name": "a", "price": "abc"}),
        ("price numeric str", {"name": "a", "price": "1.5"}),
        ("price underscore str", {"name": "a", "price": "1_000"}),
        ("price bool", {"name": "a", "price": True}),
        ("price null", {"name": "a", "price": None}),
        ("tags not list", {**item, "tags": "a"}),
        ("tags ints", {**item, "tags": [1, 2]}),
        ("tags object", {**item, "tags": {"a": 1}}),
        ("size unknown", {**item, "size": "medium"}),
        ("size int", {**item, "size": 1}),
        ("address missing zip", {**item, "address": {"city": "x"}}),
        ("address zip str", {**item, "address": {"city": "x", "zip": "x"}}),
        ("address zip numeric str", {**item, "address": {"city": "x", "zip": "12"}}),
        ("address not object", {**item, "address": "x"}),
        ("count float", {**item, "count": 1.5}),
        ("count integral float", {**item, "count": 2.0}),
        ("count huge", {**item, "count": 10**30}),
        ("count very negative", {**item, "count": -(10**20)}),
        ("count bool", {**item, "count": True}),
        ("active str yes", {**item, "active": "yes"}),
        ("active str maybe", {**item, "active": "maybe"}),
        ("active int 1", {**item, "active": 1}),
        ("active int 2", {**item, "active": 2}),
        ("active float", {**item, "active": 1.0}),
        ("extra field", {**item, "extra": 1}),
        ("list", [1, 2]),
        ("null", None),
        ("string", "towel"),
        ("number", 1),
        ("many errors", {"name": 1, "price": "x", "tags": [1, {}], "size": "m",
                         "address": {"zip": "z"}, "count": "c", "active": "a"}),
    ]
    for name, body in bodies:
        add(f"json {name}", "POST", "/items", json_ct, json.dumps(body).encode())
    raw = [
        ("empty", b""),
        ("truncated", b'{"name": "towel"'),
        ("trailing comma", b'{"name": "towel", "price": 1,}'),
        ("single quotes", b"{'name': 'towel'}"),
        ("bad literal", b'{"name": tru}'),
        ("garbage after", b'{"name": "a", "price": 1} x'),
        ("whitespace only", b"   "),
        ("invalid utf8", b'{"name": "\xff", "price": 1}'),
        ("nan", b'{"name": "a", "price": NaN}'),
        ("deep", b"[" * 200 + b"]" * 200),
        # Past Python's recursion limit: FastAPI's 400, read no further.
        ("too deep", b"[" * 1_000_000),
        ("too deep closed", b"[" * 2000 + b"]" * 2000),
        ("too deep objects", b'{"a":' * 2000),
        ("unterminated string", b'{"name": "a'),
        ("control char", b'{"name": "a\x01", "price": 1}'),
        ("bom", b'\xef\xbb\xbf{"name": "a", "price": 1}'),
        ("duplicate key", b'{"name": "a", "name": "b", "price": 1}'),
    ]
    for name, body in raw:
        add(f"json raw {name}", "POST", "/items", json_ct, body)
    add("json no content-type", "POST", "/items", {}, json.dumps(item).encode())
    add("json text/plain", "POST", "/items", {"content-type": "text/plain"}, json.dumps(item).encode())
    add("json +json type", "POST", "/items", {"content-type": "application/vnd.api+json"},
        json.dumps(item).encode())

    # Forms.
    form_ct = {"content-type": "application/x-www-form-urlencoded"}
    for body in [b"username=ann&age=3", b"username=ann", b"age=3", b"", b"username=&age=3",
                 b"username=ann+lee&age=3", b"username=%ff&age=3", b"username=\xe9&age=3",
                 b"username=ann&age=3&age=4", b"username=a%20b&age=%33"]:
        add(f"form {body!r}", "POST", "/form", form_ct, body)
    def multipart(*parts, boundary="XyZ"):
        body = b""
        for part in parts:
            name, value = part[0], part[1]
            filename = f'; filename="{part[2]}"' if len(part) > 2 else ""
            body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{filename}"
                     f"\r\n\r\n").encode() + value + b"\r\n"
        return body + f"--{boundary}--\r\n".encode()

    mp_ct = {"content-type": "multipart/form-data; boundary=XyZ"}
    for name, body in [
        ("valid", multipart(("username", b"ann"), ("age", b"3"))),
        ("missing age", multipart(("username", b"ann"))),
        ("age abc", multipart(("username", b"ann"), ("age", b"abc"))),
        ("age empty", multipart(("username", b"ann"), ("age", b""))),
        ("utf-8", multipart(("username", "café".encode()), ("age", b"3"))),
        ("repeated", multipart(("username", b"ann"), ("age", b"3"), ("age", b"4"))),
        ("no parts", b"--XyZ--\r\n"),
        ("file for text", multipart(("username", b"ann", "a.txt"), ("age", b"3"))),
        ("text after file", multipart(("doc", b"x", "a.txt"), ("username", b"ann"), ("age", b"3"))),
        ("unterminated", b"--XyZ\r\nContent-Disposition: form-data; name=\"age\"\r\n\r\n3"),
    ]:
        add(f"multipart {name}", "POST", "/form", mp_ct, body)
    add("multipart no boundary", "POST", "/form", {"content-type": "multipart/form-data"},
        multipart(("username", b"ann"), ("age", b"3")))
    add("form raw utf-8", "POST", "/form", form_ct, "username=café&age=3".encode())
    for body in [b"username=ann", b"username=ann&nickname=", b"username=ann&nickname=bo"]:
        add(f"form optional {body!r}", "POST", "/form/optional", form_ct, body)

    for body in [b"[1, 2, 3]", b"[]", b'[1, "x", 3]', b'["1", 2.0, true]', b'{"a": 1}', b"[1.5]"]:
        add(f"numbers {body!r}", "POST", "/numbers", json_ct, body)

    # Hostile: many errors, a long string echoed.
    add("hostile many errors", "POST", "/items", json_ct,
        json.dumps({**item, "tags": list(range(1000))}).encode())
    add("hostile long input", "POST", "/items", json_ct,
        json.dumps({"name": 1, "price": "x" * 1000}).encode())
    add("hostile long query", "GET", "/query/int?q=" + "x" * 1000)

    # Constraints (Field(...) / validator).
    user = {"username": "ann", "age": 30, "tags": ["a"]}
    for name, body in [
        ("valid", user),
        ("short name", {**user, "username": "ab"}),
        ("long name", {**user, "username": "a" * 21}),
        ("young", {**user, "age": 12}),
        ("old", {**user, "age": 200}),
        ("past u8", {**user, "age": 300}),
        ("negative", {**user, "age": -1}),
        ("no tags", {**user, "tags": []}),
        ("many tags", {**user, "tags": list("abcdef")}),
        ("all wrong", {"username": "ab", "age": 12, "tags": []}),
        ("type and rule", {"username": 1, "age": 12, "tags": []}),
        ("unicode length", {**user, "username": "éé"}),
        ("emoji length", {**user, "username": "👍👍👍"}),
    ]:
        add(f"constraints {name}", "POST", "/users", json_ct, json.dumps(body).encode())
    for query in ["limit=5&sort=ab", "limit=0&sort=ab", "limit=101&sort=a", "limit=x&sort=a",
                  "sort=ab", "limit=5"]:
        add(f"constraints query {query!r}", "GET", f"/users?{query}")
    add("structured", "GET", "/structured/rra")
    add("exists", "GET", "/exists/towel")
    add("exists unicode", "GET", "/exists/%E4%B8%AD")

    # HTTP errors and handlers.
    for code in [400, 401, 403, 404, 409, 418, 422, 429, 500, 503]:
        add(f"http {code}", "GET", f"/http/{code}")
    add("json detail", "GET", "/json-detail")
    add("unicorn", "GET", "/unicorns/yolo")
    add("ok", "GET", "/ok")
    add("crash", "GET", "/crash")

    # A whole request at once: path, query, header and body errors in one 422.
    product = {"name": "towel", "price": 1.5}
    token = {"x-token": "secret", **json_ct}
    for target, headers, body, label in [
        ("/products/1?limit=5", token, product, "valid"),
        ("/products/x?limit=y", json_ct, {"name": 1}, "everything wrong"),
        ("/products/x?limit=500", token, product, "path and rule"),
        ("/products/1", json_ct, product, "query and header missing"),
        ("/products/1?limit=5", token, {"price": "x"}, "body only"),
        ("/products/x?limit=5", token, None, "path and no body"),
        ("/products/x?limit=y", json_ct, "{bad", "path, query, header and bad JSON"),
        ("/products/-1?limit=-1", token, product, "negative"),
    ]:
        raw = body.encode() if isinstance(body, str) else (b"" if body is None else json.dumps(body).encode())
        add(f"merged {label}", "POST", target, headers, raw)
    for method in ["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"]:
        add(f"products {method}", method, "/products/1")
    add("products unknown", "GET", "/products/2")

    # Security: every class, required and optional, against each kind of credential.
    authorizations = [
        None, "", "Basic", "Basic ", "Basic abc", "Basic notabase64token", "Basic am9objpzZWNyZXQ=",
        "basic am9objpzZWNyZXQ=", "BASIC am9objpzZWNyZXQ=", "Basic am9obnNlY3JldA==", "Basic Og==",
        "Basic  am9objpzZWNyZXQ=  ", "Basic am9objpzZWNyZXQ", "Basic am9objpzZWNyZXQ=x",
        "Basic am9o*bjpzZWNyZXQ=", "Basic am9objpzZWNy\tZXQ=", "Basic dXNlcjpwOnc=", "Bearer", "Bearer ",
        "Basic " + base64.b64encode("jöhn:sécret".encode()).decode(), "Bearer tok", "bearer tok", "BEARER tok", "Bearer  tok  ", "Bearer a b", "Bearer\ttok",
        "BearerX tok", "Digest", "Digest abc", "digest username=\"a\", realm=\"r\"", "Other tok", "tok",
    ]
    for route in ["basic", "basic-realm", "bearer", "digest", "password", "code", "oidc"]:
        for suffix in ["", "/optional"]:
            for value in authorizations:
                headers = {} if value is None else {"authorization": value}
                add(f"security {route}{suffix} {value!r}", "GET", f"/security/{route}{suffix}", headers)
    for suffix in ["", "/optional"]:
        for value in [None, "", "k", " k ", "a b"]:
            headers = {} if value is None else {"x-api-key": value}
            add(f"security key-header{suffix} {value!r}", "GET", f"/security/key-header{suffix}", headers)
        add(f"security key-header{suffix} other header", "GET", f"/security/key-header{suffix}",
            {"x-other": "k"})
        for query in ["", "api_key=", "api_key=k", "api_key=a&api_key=b", "api_key=%20", "api_key=a+b",
                      "api_key=%E4%B8%AD", "API_KEY=k", "other=k"]:
            add(f"security key-query{suffix} {query!r}", "GET", f"/security/key-query{suffix}?{query}")
        for cookie in [None, "api_key=", "api_key=k", "api_key=a; api_key=b", "other=k", "api_key= k "]:
            headers = {} if cookie is None else {"cookie": cookie}
            add(f"security key-cookie{suffix} {cookie!r}", "GET", f"/security/key-cookie{suffix}", headers)
    for body in [b"username=johndoe&password=secret", b"grant_type=password&username=johndoe&password=secret",
                 b"grant_type=foo&username=johndoe&password=secret", b"grant_type=&username=j&password=s",
                 b"grant_type=Password&username=j&password=s", b"username=johndoe", b"password=secret",
                 b"", b"grant_type=foo", b"username=j&password=s&scope=a%20b++c",
                 b"username=j&password=s&client_id=c&client_secret=cs", b"username=&password=",
                 b"username=j&password=s&scope="]:
        add(f"security token {body!r}", "POST", "/security/token", form_ct, body)
    add("security token json", "POST", "/security/token", json_ct, b'{"username": "j", "password": "s"}')
    add("security token multipart", "POST", "/security/token", mp_ct,
        multipart(("username", b"j"), ("password", b"s"), ("grant_type", b"password")))
    basic = {"authorization": "Basic am9objpzZWNyZXQ="}
    for target, headers, body, label in [
        ("/security/merged/1?q=2", {**basic, **json_ct}, item, "valid"),
        ("/security/merged/x?q=y", json_ct, {"name": 1}, "no credentials, everything wrong"),
        ("/security/merged/x?q=y", {**basic, **json_ct}, {"name": 1}, "credentials, everything wrong"),
        ("/security/merged/1?q=2", {"authorization": "Basic abc", **json_ct}, item, "malformed credentials"),
    ]:
        add(f"security merged {label}", "POST", target, headers, json.dumps(body).encode())

    # Routing.
    add("unknown route", "GET", "/nowhere")
    add("unknown nested route", "GET", "/ok/more")
    add("wrong method", "DELETE", "/ok")
    add("wrong method post", "POST", "/int/1")
    add("trailing slash", "GET", "/ok/")
    return out + vocabulary()


def multipart(*parts, boundary="XyZ"):
    """A multipart/form-data body: (name, value) for a text field, (name, value,
    filename[, content type]) for a file."""
    body = b""
    for part in parts:
        name, value = part[0], part[1]
        filename = f'; filename="{part[2]}"' if len(part) > 2 else ""
        content_type = f"\r\nContent-Type: {part[3]}" if len(part) > 3 else ""
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{filename}"
                 f"{content_type}\r\n\r\n").encode() + value + b"\r\n"
    return body + f"--{boundary}--\r\n".encode()


def vocabulary():
    """FastAPI's request vocabulary (vocabulary.py): parameter models, several
    bodies, optional models, files, literal header names, lax content types."""
    out = []

    def add(name, method, target, headers=None, body=None):
        out.append((f"vocabulary {name}", method, target, headers or {}, body))

    json_ct = {"content-type": "application/json"}
    form_ct = {"content-type": "application/x-www-form-urlencoded"}
    mp_ct = {"content-type": "multipart/form-data; boundary=XyZ"}

    # Query parameter models.
    for query in ["q=a", "", "limit=5", "q=a&limit=0&offset=x", "q=a&tags=x&tags=y", "q=a&order_by=name",
                  "q=a&extra=1&other=2", "extra=1&limit=x", "q=a&q=b", "q=a&limit=5&limit=500", "limit=",
                  "q=&limit=5"]:
        for route in ["", "/forbid", "/optional"]:
            add(f"query model{route} {query!r}", "GET", f"/v/query-model{route}?{query}")
    for target in ["/v/query-model/with-param/1?q=a&page=2", "/v/query-model/with-param/x?page=y",
                   "/v/query-model/with-param/1?page=2", "/v/query-model/with-param/x?q=a&limit=x"]:
        add(f"query model with param {target}", "GET", target)
    for query in ["", "q=1", "q=x", "q=", "other=1"]:
        add(f"query optional {query!r}", "GET", f"/v/query/optional?{query}")

    # Header parameter models (sent in name order: actix does not keep the
    # order headers came in, see differences.json).
    for headers in [{"save-data": "true"}, {}, {"save-data": "maybe"}, {"save-data": "1", "x-tag": "a"},
                    {"if-modified-since": "today"}, {"save-data": "yes", "tool": "plumbus"},
                    {"save_data": "true"}, {"save-data": "on", "x-tag": "a", "x_tag": "b"}]:
        for route in ["", "/forbid", "/optional"]:
            add(f"header model{route} {headers!r}", "GET", f"/v/header-model{route}", headers)
    for headers in [{"strange_header": "a"}, {"strange-header": "a"}, {}, {"strange_header": "a", "x_token": "t"},
                    {"strange_header": "a", "x-token": "t"}]:
        add(f"header model literal {headers!r}", "GET", "/v/header-model/literal", headers)
        add(f"header literal {headers!r}", "GET", "/v/header/literal", headers)

    # Cookie parameter models.
    for cookie in [None, "session_id=abc", "fatebook_tracker=x", "session_id=abc; santa_tracker=x",
                   "session_id=abc; fatebook_tracker=f; googall_tracker=g", "other=1"]:
        headers = {} if cookie is None else {"cookie": cookie}
        for route in ["", "/forbid", "/optional"]:
            add(f"cookie model{route} {cookie!r}", "GET", f"/v/cookie-model{route}", headers)

    # Form models.
    for body in [b"username=ann&password=pw", b"", b"username=ann", b"username=ann&password=pw&extra=1",
                 b"username=ann&password=pw&remember=maybe", b"username=&password=pw", b"other=1",
                 b"username=ann&password=pw&remember=on&x=1&y=2"]:
        for route in ["", "/forbid", "/optional"]:
            add(f"form model{route} {body!r}", "POST", f"/v/form-model{route}", form_ct, body)
    for name, body in [("valid", multipart(("username", b"ann"), ("password", b"pw"))),
                       ("missing", multipart(("username", b"ann"))),
                       ("extra", multipart(("username", b"ann"), ("password", b"pw"), ("extra", b"1")))]:
        for route in ["", "/forbid", "/optional"]:
            add(f"form model{route} multipart {name}", "POST", f"/v/form-model{route}", mp_ct, body)
    for body in [b"", b"n=1", b"n=x", b"n="]:
        add(f"form optional int {body!r}", "POST", "/v/form/optional-int", form_ct, body)

    # Several body parameters, embed, singular values.
    item = {"name": "towel", "price": 9.5}
    user = {"username": "ann"}
    for name, body in [
        ("valid", {"item": item, "user": user, "importance": 5}),
        ("empty object", {}),
        ("empty list", []),
        ("null", None),
        ("string", "x"),
        ("number", 1),
        ("importance str", {"item": item, "user": user, "importance": "x"}),
        ("importance numeric str", {"item": item, "user": user, "importance": "5"}),
        ("item missing price", {"item": {"name": "towel"}, "user": user, "importance": 1}),
        ("item list", {"item": [], "user": user, "importance": 1}),
        ("user only", {"user": user}),
        ("all wrong", {"item": {"price": "x"}, "user": 1, "importance": None}),
        ("extra key", {"item": item, "user": user, "importance": 5, "other": 1}),
    ]:
        add(f"body multiple {name}", "PUT", "/v/body/multiple/1", json_ct, json.dumps(body).encode())
    add("body multiple no body", "PUT", "/v/body/multiple/1", json_ct, b"")
    add("body multiple bad path and no body", "PUT", "/v/body/multiple/x", json_ct, b"")
    add("body multiple invalid json", "PUT", "/v/body/multiple/1", json_ct, b'{"item": ')
    add("body multiple text/plain", "PUT", "/v/body/multiple/1", {"content-type": "text/plain"},
        json.dumps({"item": item, "user": user, "importance": 5}).encode())
    for name, body in [("valid", {"item": item}), ("bare", item), ("empty", {}), ("list", []),
                       ("item wrong", {"item": {"name": 1}}), ("null item", {"item": None})]:
        add(f"body embed {name}", "PUT", "/v/body/embed", json_ct, json.dumps(body).encode())
    add("body embed no body", "PUT", "/v/body/embed", json_ct, b"")
    for body in [b"5", b'"5"', b'"x"', b"{}", b"", b"null", b'{"importance": 5}']:
        add(f"body single {body!r}", "PUT", "/v/body/single", json_ct, body)
    for body in [b"", b"null", b"{}", json.dumps(item).encode(), b'{"name": 1}', b"[]"]:
        add(f"body optional {body!r}", "PUT", "/v/body/optional", json_ct, body)
    for body in [b"", json.dumps({"item": item}).encode(), json.dumps({"item": item, "user": None}).encode(),
                 json.dumps({"item": item, "user": {}}).encode(), b"[]", b"null"]:
        add(f"body multiple optional {body!r}", "PUT", "/v/body/multiple-optional?q=x", json_ct, body)

    # A JSON body sent without a content type, to a route that reads it anyway.
    for name, headers, body in [
        ("no content type", {}, json.dumps(item).encode()),
        ("json", json_ct, json.dumps(item).encode()),
        ("text/plain", {"content-type": "text/plain"}, json.dumps(item).encode()),
        ("no content type, invalid", {}, b"{bad"),
        ("no content type, empty", {}, b""),
    ]:
        add(f"body lax {name}", "POST", "/v/body/lax", headers, body)

    # Files.
    one = ("file", b"hello", "a.txt", "text/plain")
    for name, body in [
        ("valid", multipart(one)),
        ("no content type", multipart(("file", b"hello", "a.txt"))),
        ("empty file", multipart(("file", b"", "a.txt", "text/plain"))),
        ("empty file name", multipart(("file", b"", "", "application/octet-stream"))),
        ("missing", multipart(("other", b"x"))),
        ("text for file", multipart(("file", b"hello"))),
        ("no parts", b"--XyZ--\r\n"),
        ("two files", multipart(one, ("file", b"world", "b.txt", "text/plain"))),
        ("unicode name", multipart(("file", b"x", "caf\u00e9.txt", "text/plain"))),
    ]:
        for route in ["bytes", "upload", "optional", "list"]:
            target = f"/v/files/{route}"
            parts = body.replace(b'name="file"', b'name="files"') if route == "list" else body
            add(f"files {route} {name}", "POST", target, mp_ct, parts)
    for route in ["bytes", "upload", "optional", "list"]:
        add(f"files {route} urlencoded", "POST", f"/v/files/{route}", form_ct, b"file=x")
        add(f"files {route} no body", "POST", f"/v/files/{route}")
    for name, body in [
        ("valid", multipart(("file", b"abc", "a.bin"), ("fileb", b"xyz", "b.txt", "text/plain"), ("token", b"t"))),
        ("missing all", multipart(("other", b"x"))),
        ("token as file", multipart(("file", b"abc", "a.bin"), ("fileb", b"x", "b.txt"), ("token", b"t", "t.txt"))),
        ("files as text", multipart(("file", b"abc"), ("fileb", b"xyz"), ("token", b"t"))),
    ]:
        add(f"files mixed {name}", "POST", "/v/files/mixed", mp_ct, body)

    # Types and rules that pydantic names.
    for query in ["item-query=abc", "item-query=ab", "q=abc", ""]:
        add(f"renamed {query!r}", "GET", f"/v/renamed?{query}")
    for name, body in [
        ("valid", [{"name": "abc", "qty": 1}]),
        ("rules", [{"name": "ab", "qty": 0}, {"name": "abcd", "qty": 1}, {"name": "a", "qty": 5}]),
        ("parse and rules", [{"name": "ab", "qty": 1}, {"name": "abc", "qty": "x"}, {"name": 1, "qty": 0}]),
    ]:
        add(f"list rules {name}", "POST", "/v/list-rules", json_ct, json.dumps(body).encode())
    for value in ["https://example.com/a", "example.com", "not a url", "http://", "", 1]:
        add(f"url {value!r}", "POST", "/v/url", json_ct, json.dumps({"url": value}).encode())
    for scores in [{"1": "a"}, {"x": "a"}, {"1": 2}, {"x": 2, "2": "b", "y": "c"}]:
        add(f"map key {scores!r}", "POST", "/v/map-key", json_ct, json.dumps({"scores": scores}).encode())
    for n in [2, 3, "x"]:
        add(f"custom rule {n!r}", "POST", "/v/custom-rule", json_ct, json.dumps({"n": n}).encode())
    for name, body in [
        ("cat", {"pet_type": "cat", "meows": 1}),
        ("cat missing", {"pet_type": "cat"}),
        ("dog wrong", {"pet_type": "dog", "barks": "x"}),
        ("no tag", {"meows": 1}),
        ("bad tag", {"pet_type": "fish"}),
    ]:
        add(f"tagged {name}", "POST", "/v/tagged", json_ct, json.dumps(body).encode())
    hosts = {"any": "::1", "v4": "127.0.0.1", "v6": "::1"}
    for name, body in [
        ("valid", hosts),
        ("any v4", {**hosts, "any": "10.0.0.1"}),
        ("all wrong", {"any": "x", "v4": "::1", "v6": "127.0.0.1"}),
        ("numbers", {"any": 1, "v4": 2130706433, "v6": 1}),
    ]:
        add(f"ip {name}", "POST", "/v/ip", json_ct, json.dumps(body).encode())

    # Dependencies.
    for target, headers in [
        ("/v/depends/1?q=a&skip=1&limit=2", {"x-token": "t"}),
        ("/v/depends/x?skip=y&limit=300", {}),
        ("/v/depends/1", {"x-token": "t"}),
        ("/v/depends/1?limit=x", {"x-token": "t"}),
    ]:
        add(f"depends {target} {headers!r}", "GET", target, headers)
    return out
