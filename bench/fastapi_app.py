"""The benchmark routes in FastAPI, for bench/run.sh (uvicorn, from the venv the script makes)."""

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

app = FastAPI()


class UnicornException(Exception):
    def __init__(self, name: str):
        self.name = name


@app.exception_handler(UnicornException)
async def unicorn_exception_handler(request: Request, exc: UnicornException):
    return JSONResponse(
        status_code=418,
        content={"message": f"Oops! {exc.name} did something. There goes a rainbow..."},
    )


@app.get("/ok")
async def ok():
    return {"status": "ok"}


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    if item_id == 404:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"item_id": item_id}


@app.get("/unicorns/{name}")
async def read_unicorn(name: str):
    raise UnicornException(name=name)


@app.get("/panic")
async def panic():
    raise RuntimeError("the benchmark's failing route")
