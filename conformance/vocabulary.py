"""FastAPI's request vocabulary beyond separate parameters, one route per way a
FastAPI user declares it (the tutorial chapters "Query/Header/Cookie Parameter
Models", "Form Models", "Body - Multiple Parameters", "Request Files", "Request
Forms and Files", "Dependencies"). Each route has its twin in
src/vocabulary.rs; the requests are in corpus.py's vocabulary()."""

from enum import Enum
from ipaddress import IPv4Address, IPv6Address
from typing import Annotated, Dict, List, Literal, Optional, Union

from fastapi import APIRouter, Body, Cookie, Depends, File, Form, Header, Query, UploadFile
from pydantic import AnyUrl, BaseModel, Field, IPvAnyAddress, field_validator

router = APIRouter(prefix="/v")
lax_router = APIRouter(prefix="/v", strict_content_type=False)

I64 = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
U8 = Annotated[int, Field(ge=0, le=255)]


class Order(str, Enum):
    created_at = "created_at"
    updated_at = "updated_at"


# Query parameter models.
class FilterParams(BaseModel):
    q: str
    limit: Annotated[int, Field(gt=0, le=100)] = 100
    offset: U8 = 0
    order_by: Order = Order.created_at
    tags: List[str] = []


class StrictFilterParams(FilterParams):
    model_config = {"extra": "forbid"}


def filters(f):
    return {"q": f.q, "limit": f.limit, "offset": f.offset, "order_by": f.order_by.value, "tags": f.tags}


@router.get("/query-model")
def query_model(filter_query: Annotated[FilterParams, Query()]):
    return filters(filter_query)


@router.get("/query-model/forbid")
def query_model_forbid(filter_query: Annotated[StrictFilterParams, Query()]):
    return filters(filter_query)


@router.get("/query-model/optional")
def query_model_optional(filter_query: Annotated[Optional[FilterParams], Query()] = None):
    return {"filter": None if filter_query is None else filters(filter_query)}


@router.get("/query-model/with-param/{item_id}")
def query_model_with_param(item_id: I64, filter_query: Annotated[FilterParams, Query()], page: I64 = 1):
    return {"item_id": item_id, "page": page, **filters(filter_query)}


@router.get("/query/optional")
def query_optional(q: Optional[I64] = None):
    return {"q": q}


# Header parameter models.
class CommonHeaders(BaseModel):
    save_data: bool
    if_modified_since: Optional[str] = None
    x_tag: List[str] = []


class StrictHeaders(CommonHeaders):
    model_config = {"extra": "forbid"}


def headers(h):
    return {"save_data": h.save_data, "if_modified_since": h.if_modified_since, "x_tag": h.x_tag}


@router.get("/header-model")
def header_model(h: Annotated[CommonHeaders, Header()]):
    return headers(h)


@router.get("/header-model/forbid")
def header_model_forbid(h: Annotated[StrictHeaders, Header()]):
    return headers(h)


@router.get("/header-model/optional")
def header_model_optional(h: Annotated[Optional[CommonHeaders], Header()] = None):
    return {"headers": None if h is None else headers(h)}


class LiteralHeaders(BaseModel):
    strange_header: str
    x_token: Optional[str] = None


@router.get("/header-model/literal")
def header_model_literal(h: Annotated[LiteralHeaders, Header(convert_underscores=False)]):
    return {"strange_header": h.strange_header, "x_token": h.x_token}


@router.get("/header/literal")
def header_literal(
    strange_header: Annotated[Optional[str], Header(convert_underscores=False)] = None,
    x_token: Annotated[Optional[str], Header()] = None,
):
    return {"strange_header": strange_header, "x_token": x_token}


# Cookie parameter models.
class Cookies(BaseModel):
    session_id: str
    fatebook_tracker: Optional[str] = None
    googall_tracker: Optional[str] = None


class StrictCookies(Cookies):
    model_config = {"extra": "forbid"}


def cookies(c):
    return {"session_id": c.session_id, "fatebook_tracker": c.fatebook_tracker,
            "googall_tracker": c.googall_tracker}


@router.get("/cookie-model")
def cookie_model(c: Annotated[Cookies, Cookie()]):
    return cookies(c)


@router.get("/cookie-model/forbid")
def cookie_model_forbid(c: Annotated[StrictCookies, Cookie()]):
    return cookies(c)


@router.get("/cookie-model/optional")
def cookie_model_optional(c: Annotated[Optional[Cookies], Cookie()] = None):
    return {"cookies": None if c is None else cookies(c)}


# Form models.
class Login(BaseModel):
    username: str
    password: str
    remember: bool = False


class StrictLogin(Login):
    model_config = {"extra": "forbid"}


def login(f):
    return {"username": f.username, "password": f.password, "remember": f.remember}


@router.post("/form-model")
def form_model(data: Annotated[Login, Form()]):
    return login(data)


@router.post("/form-model/forbid")
def form_model_forbid(data: Annotated[StrictLogin, Form()]):
    return login(data)


@router.post("/form-model/optional")
def form_model_optional(data: Annotated[Optional[Login], Form()] = None):
    return {"login": None if data is None else login(data)}


@router.post("/form/optional-int")
def form_optional_int(n: Annotated[Optional[I64], Form()] = None):
    return {"n": n}


# Several body parameters, embed, singular values.
class Item(BaseModel):
    name: str
    price: float
    tax: Optional[float] = None


class User(BaseModel):
    username: str
    full_name: Optional[str] = None


def item_out(i):
    return {"name": i.name, "price": i.price, "tax": i.tax}


def user_out(u):
    return {"username": u.username, "full_name": u.full_name}


@router.put("/body/multiple/{item_id}")
def body_multiple(item_id: I64, item: Annotated[Item, Body()], user: Annotated[User, Body()],
                  importance: Annotated[I64, Body()]):
    return {"item_id": item_id, "item": item_out(item), "user": user_out(user), "importance": importance}


@router.put("/body/embed")
def body_embed(item: Annotated[Item, Body(embed=True)]):
    return {"item": item_out(item)}


@router.put("/body/single")
def body_single(importance: Annotated[I64, Body()]):
    return {"importance": importance}


@router.put("/body/optional")
def body_optional(item: Annotated[Optional[Item], Body()] = None):
    return {"item": None if item is None else item_out(item)}


@router.put("/body/multiple-optional")
def body_multiple_optional(item: Annotated[Item, Body()],
                           user: Annotated[Optional[User], Body()] = None, q: Optional[str] = None):
    return {"item": item_out(item), "user": None if user is None else user_out(user), "q": q}


@lax_router.post("/body/lax")
def body_lax(item: Annotated[Item, Body()]):
    return item_out(item)


# Files.
def upload(f):
    return {"filename": f.filename, "content_type": f.content_type, "size": f.size}


@router.post("/files/bytes")
def files_bytes(file: Annotated[bytes, File()]):
    return {"file_size": len(file)}


@router.post("/files/upload")
def files_upload(file: UploadFile):
    return upload(file)


@router.post("/files/optional")
def files_optional(file: Optional[UploadFile] = None):
    return {"file": None if file is None else upload(file)}


@router.post("/files/list")
def files_list(files: List[UploadFile]):
    return {"files": [upload(f) for f in files]}


@router.post("/files/mixed")
def files_mixed(file: Annotated[bytes, File()], fileb: Annotated[UploadFile, File()], token: Annotated[str, Form()]):
    return {"file_size": len(file), "token": token, "fileb_content_type": fileb.content_type}


# Constraints and types that pydantic names: renamed fields, lists, URLs, map
# keys, custom checks, tagged unions, IP addresses.
@router.get("/renamed")
def renamed(q: Annotated[str, Query(alias="item-query", min_length=3)]):
    return {"q": q}


class Tagged(BaseModel):
    name: Annotated[str, Field(min_length=3)]
    qty: Annotated[int, Field(ge=1)]


@router.post("/list-rules")
def list_rules(items: List[Tagged]):
    return {"count": len(items)}


class Site(BaseModel):
    url: AnyUrl


@router.post("/url")
def url(site: Site):
    return {"url": str(site.url)}


class Scores(BaseModel):
    scores: Dict[int, str]


@router.post("/map-key")
def map_key(body: Scores):
    return {"count": len(body.scores)}


class Even(BaseModel):
    n: I64

    @field_validator("n")
    @classmethod
    def even(cls, v):
        if v % 2:
            raise ValueError("must be even")
        return v


@router.post("/custom-rule")
def custom_rule(body: Even):
    return {"n": body.n}


class Cat(BaseModel):
    pet_type: Literal["cat"]
    meows: I64


class Dog(BaseModel):
    pet_type: Literal["dog"]
    barks: float


@router.post("/tagged")
def tagged(pet: Annotated[Union[Cat, Dog], Field(discriminator="pet_type")]):
    return {"pet_type": pet.pet_type}


class Hosts(BaseModel):
    any: IPvAnyAddress
    v4: IPv4Address
    v6: IPv6Address


@router.post("/ip")
def ip(hosts: Hosts):
    return {"any": str(hosts.any), "v4": str(hosts.v4), "v6": str(hosts.v6)}


# A dependency: FastAPI's Depends, a function of other parameters.
def common_parameters(q: Optional[str] = None, skip: I64 = 0, limit: U8 = 100):
    return {"q": q, "skip": skip, "limit": limit}


@router.get("/depends/{item_id}")
def depends(item_id: I64, commons: Annotated[dict, Depends(common_parameters)], x_token: Annotated[str, Header()]):
    return {"item_id": item_id, **commons}
