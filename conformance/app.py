"""The FastAPI side of the conformance suite: every route has a twin in
src/main.rs, built on actix-api-error's public API. run.sh starts both and
compare.py sends each request of the corpus to both."""

from enum import Enum
from typing import Annotated, List, Optional
from uuid import UUID

from fastapi import Cookie, Depends, FastAPI, Form, Header, HTTPException, Query, Request
from fastapi.security import (
    APIKeyCookie,
    APIKeyHeader,
    APIKeyQuery,
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
    HTTPDigest,
    OAuth2AuthorizationCodeBearer,
    OAuth2PasswordBearer,
    OAuth2PasswordRequestForm,
    OpenIdConnect,
)
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

app = FastAPI()

# Rust's i64 and u8, as pydantic states their bounds.
I64 = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
U8 = Annotated[int, Field(ge=0, le=255)]


class Size(str, Enum):
    small = "small"
    large = "large"


class Address(BaseModel):
    city: str
    zip: I64


class Item(BaseModel):
    name: str
    price: float
    tags: List[str] = []
    size: Optional[Size] = None
    address: Optional[Address] = None
    count: I64 = 0
    active: bool = True


class UnicornException(Exception):
    def __init__(self, name: str):
        self.name = name


@app.exception_handler(UnicornException)
async def unicorn_exception_handler(request: Request, exc: UnicornException):
    return JSONResponse(
        status_code=418,
        content={"message": f"Oops! {exc.name} did something. There goes a rainbow..."},
    )


@app.get("/int/{value}")
def path_int(value: I64):
    return {"value": value}


@app.get("/float/{value}")
def path_float(value: float):
    return {"value": value}


@app.get("/bool/{value}")
def path_bool(value: bool):
    return {"value": value}


@app.get("/u8/{value}")
def path_u8(value: U8):
    return {"value": value}


@app.get("/uuid/{value}")
def path_uuid(value: UUID):
    return {"value": str(value)}


@app.get("/size/{value}")
def path_size(value: Size):
    return {"value": value.value}


@app.get("/query/int")
def query_int(q: I64):
    return {"q": q}


@app.get("/query/float")
def query_float(q: float):
    return {"q": q}


@app.get("/query/bool")
def query_bool(q: bool):
    return {"q": q}


@app.get("/query/many")
def query_many(
    q: I64,
    name: Optional[str] = None,
    limit: U8 = 10,
    tags: List[str] = Query([]),
):
    return {"q": q, "name": name, "limit": limit, "tags": tags}


@app.get("/header/int")
def header_int(x_count: Annotated[I64, Header()]):
    return {"x_count": x_count}


@app.get("/header/token")
def header_token(x_token: Annotated[str, Header()]):
    return {"x_token": x_token}


@app.get("/cookie/int")
def cookie_int(n: Annotated[I64, Cookie()]):
    return {"n": n}


@app.get("/cookie/session")
def cookie_session(session: Annotated[str, Cookie()]):
    return {"session": session}


@app.post("/items")
def create_item(item: Item):
    return {"name": item.name}


@app.post("/numbers")
def numbers(values: List[I64]):
    return {"count": len(values)}


@app.post("/form")
def form(username: Annotated[str, Form()], age: Annotated[I64, Form()]):
    return {"username": username, "age": age}


@app.post("/form/optional")
def form_optional(
    username: Annotated[str, Form()], nickname: Annotated[Optional[str], Form()] = None
):
    return {"username": username, "nickname": nickname}


@app.get("/http/{code}")
def http_error(code: int):
    raise HTTPException(status_code=code, detail="There goes my error", headers={"X-Error": "yes"})


@app.get("/json-detail")
def json_detail():
    raise HTTPException(status_code=400, detail={"data": [1, "two", None]})


@app.get("/unicorns/{name}")
def unicorn(name: str):
    raise UnicornException(name=name)


class NewUser(BaseModel):
    username: str = Field(min_length=3, max_length=20)
    age: Annotated[int, Field(ge=18, le=130)]
    tags: List[str] = Field(min_length=1, max_length=5)


@app.post("/users")
def create_user(user: NewUser):
    return {"username": user.username}


@app.get("/users")
def list_users(limit: Annotated[int, Query(ge=1, le=100)], sort: Annotated[str, Query(min_length=2)]):
    return {"limit": limit, "sort": sort}


@app.get("/structured/{user}")
def structured(user: str):
    raise HTTPException(
        status_code=404, detail=[{"loc": ["path", "user"], "msg": "Unknown user", "type": "unknown_user"}]
    )


@app.get("/exists/{name}")
def exists(name: str):
    raise HTTPException(status_code=409, detail=f"Item {name} exists", headers={"X-Error": "duplicate"})


class Product(BaseModel):
    name: str
    price: float
    tags: List[str] = []


@app.get("/products/{product_id}")
def read_product(product_id: Annotated[int, Field(ge=0, le=2**32 - 1)]):
    if product_id != 1:
        raise HTTPException(status_code=404, detail="Product not found")
    return {"product_id": product_id}


@app.post("/products/{product_id}")
def create_product(
    product_id: Annotated[int, Field(ge=0, le=2**32 - 1)],
    limit: Annotated[int, Query(ge=0, le=100)],
    x_token: Annotated[str, Header()],
    product: Product,
):
    return {"product_id": product_id, "limit": limit, "name": product.name}


@app.delete("/products/{product_id}")
def delete_product(product_id: Annotated[int, Field(ge=0, le=2**32 - 1)]):
    return {"deleted": product_id}


@app.get("/crash")
def crash():
    raise RuntimeError("database password is hunter2")


@app.get("/ok")
def ok():
    return {"status": "ok"}


# Security: each class, required and optional (auto_error=False).
def security_routes(name, make, answer):
    required, optional = make(True), make(False)

    @app.get(f"/security/{name}", name=f"security_{name}")
    def secured(credentials=Depends(required)):
        return answer(credentials)

    @app.get(f"/security/{name}/optional", name=f"security_{name}_optional")
    def secured_optional(credentials=Depends(optional)):
        return {"credentials": None if credentials is None else answer(credentials)}


def basic(c: HTTPBasicCredentials):
    return {"username": c.username, "password": c.password}


def scheme(c: HTTPAuthorizationCredentials):
    return {"scheme": c.scheme, "credentials": c.credentials}


def token(t: str):
    return {"token": t}


security_routes("basic", lambda auto: HTTPBasic(auto_error=auto), basic)
security_routes("basic-realm", lambda auto: HTTPBasic(realm="simple", auto_error=auto), basic)
security_routes("bearer", lambda auto: HTTPBearer(auto_error=auto), scheme)
security_routes("digest", lambda auto: HTTPDigest(auto_error=auto), scheme)
security_routes("password", lambda auto: OAuth2PasswordBearer(tokenUrl="token", auto_error=auto), token)
security_routes(
    "code",
    lambda auto: OAuth2AuthorizationCodeBearer(authorizationUrl="authorize", tokenUrl="token", auto_error=auto),
    token,
)
security_routes(
    "oidc",
    lambda auto: OpenIdConnect(openIdConnectUrl="https://example.com/.well-known/openid-configuration",
                               auto_error=auto),
    token,
)
security_routes("key-header", lambda auto: APIKeyHeader(name="x-api-key", auto_error=auto), token)
security_routes("key-query", lambda auto: APIKeyQuery(name="api_key", auto_error=auto), token)
security_routes("key-cookie", lambda auto: APIKeyCookie(name="api_key", auto_error=auto), token)


@app.post("/security/token")
def security_token(form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    return {"grant_type": form.grant_type, "username": form.username, "password": form.password,
            "scopes": form.scopes, "client_id": form.client_id, "client_secret": form.client_secret}


@app.post("/security/merged/{n}")
def security_merged(n: I64, q: I64, item: Item, credentials=Depends(HTTPBasic())):
    return {"n": n, "q": q, "username": credentials.username}
from vocabulary import lax_router, router as vocabulary_router

app.include_router(vocabulary_router)
app.include_router(lax_router)
