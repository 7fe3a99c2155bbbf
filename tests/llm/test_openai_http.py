"""The OpenAI-compatible backend against a tiny SSE server on 127.0.0.1, started per test."""

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from assistant.llm.base import Message, complete
from assistant.llm.openai_http import OpenAIChatModel, api_base
from commerce.errors import InvalidInput, Unavailable

HELLO: list[Message] = [{"role": "user", "content": "hi"}]
Reply = tuple[int, list[str]]  # status, lines of the body


def chunk(text: str) -> str:
    return "data: " + json.dumps({"choices": [{"index": 0, "delta": {"content": text}}]})


@pytest.fixture
def server() -> Iterator[Callable[[dict[str, Reply]], tuple[str, list[dict[str, Any]]]]]:
    """Start a server answering each path with a scripted reply; yields (url, requests seen)."""
    servers: list[ThreadingHTTPServer] = []

    def start(replies: dict[str, Reply]) -> tuple[str, list[dict[str, Any]]]:
        seen: list[dict[str, Any]] = []

        class Handler(BaseHTTPRequestHandler):
            def answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else {}
                auth = self.headers["Authorization"]
                seen.append({"path": self.path, "body": body, "auth": auth})
                status, lines = replies[self.path]
                self.send_response(status)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for line in lines:
                    if line == "<sleep>":
                        time.sleep(1.0)
                        continue
                    self.wfile.write((line + "\n").encode())
                    self.wfile.flush()

            do_GET = do_POST = answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}", seen

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def test_streams_the_deltas_and_sends_the_request(server: Any) -> None:
    lines = [": keep-alive", chunk("Hel"), "", chunk("lo"), 'data: {"choices": []}', "data: [DONE]"]
    url, seen = server({"/v1/chat/completions": (200, lines)})
    model = OpenAIChatModel(url, model="qwen", api_key="k", timeout_s=5)
    pieces = list(model.stream(HELLO, max_new_tokens=7, temperature=0.2, stop=["\n"]))
    assert pieces == ["Hel", "lo"]
    body = seen[0]["body"]
    assert body == {
        "model": "qwen",
        "messages": HELLO,
        "stream": True,
        "max_tokens": 7,
        "temperature": 0.2,
        "stop": ["\n"],
    }
    assert seen[0]["auth"] == "Bearer k"


def test_asks_the_server_for_its_model_when_none_is_set(server: Any) -> None:
    url, seen = server(
        {
            "/v1/models": (200, [json.dumps({"data": [{"id": "served-qwen"}]})]),
            "/v1/chat/completions": (200, [chunk("ok"), "data: [DONE]"]),
        }
    )
    assert complete(OpenAIChatModel(url + "/v1/", timeout_s=5), HELLO) == "ok"
    assert seen[1]["body"]["model"] == "served-qwen"


def test_server_down_is_unavailable() -> None:
    with socket.socket() as sock:  # a port that nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(Unavailable, match="unreachable"):
        complete(OpenAIChatModel(f"http://127.0.0.1:{port}", model="m", timeout_s=2), HELLO)


def test_non_200_is_unavailable_with_the_servers_words(server: Any) -> None:
    url, _ = server({"/v1/chat/completions": (500, ['{"error": "out of memory"}'])})
    with pytest.raises(Unavailable, match=r"500.*out of memory"):
        complete(OpenAIChatModel(url, model="m", timeout_s=5), HELLO)


@pytest.mark.parametrize(
    "line", ["data: {not json", 'data: {"choices": [{"text": 1}]}', "data: [1, 2]"]
)
def test_malformed_lines_are_unavailable(server: Any, line: str) -> None:
    url, _ = server({"/v1/chat/completions": (200, [chunk("a"), line, "data: [DONE]"])})
    with pytest.raises(Unavailable, match="malformed"):
        complete(OpenAIChatModel(url, model="m", timeout_s=5), HELLO)


def test_error_event_and_missing_done_are_unavailable(server: Any) -> None:
    url, _ = server({"/v1/chat/completions": (200, ['data: {"error": "boom"}'])})
    with pytest.raises(Unavailable, match="boom"):
        complete(OpenAIChatModel(url, model="m", timeout_s=5), HELLO)
    url, _ = server({"/v1/chat/completions": (200, [chunk("a")])})
    with pytest.raises(Unavailable, match=r"without \[DONE\]"):
        complete(OpenAIChatModel(url, model="m", timeout_s=5), HELLO)


def test_a_silent_server_times_out(server: Any) -> None:
    url, _ = server({"/v1/chat/completions": (200, [chunk("a"), "<sleep>", "data: [DONE]"])})
    with pytest.raises(Unavailable, match="silent"):
        complete(OpenAIChatModel(url, model="m", timeout_s=0.3), HELLO)


def test_api_base_accepts_the_usual_spellings() -> None:
    for url in [
        "http://h:8000",
        "http://h:8000/",
        "http://h:8000/v1",
        "http://h:8000/v1/chat/completions",
    ]:
        assert api_base(url) == "http://h:8000/v1"
    with pytest.raises(InvalidInput):
        api_base("h:8000")


@pytest.fixture
def dropping_server() -> Iterator[str]:
    """A server that accepts each connection and closes it without a word (a crashed server)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return  # the listener was closed: the test is over
            connection.recv(65536)
            connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


@pytest.mark.parametrize("model", ["m", ""])  # the chat request, or the /models look-up
def test_a_dropped_connection_is_unavailable(dropping_server: str, model: str) -> None:
    chat = OpenAIChatModel(dropping_server, model=model, timeout_s=5)
    with pytest.raises(Unavailable, match=r"127\.0\.0\.1.*closed the connection"):
        complete(chat, HELLO)


def test_a_service_that_is_not_http_is_unavailable() -> None:
    with socket.socket() as probe:  # say, the URL names the SSH port by mistake
        probe.bind(("127.0.0.1", 0))
        probe.listen()
        port = probe.getsockname()[1]

        def babble() -> None:
            connection, _ = probe.accept()
            connection.recv(65536)
            connection.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")
            connection.close()

        threading.Thread(target=babble, daemon=True).start()
        with pytest.raises(Unavailable, match="not an HTTP reply"):
            complete(OpenAIChatModel(f"http://127.0.0.1:{port}", model="m", timeout_s=5), HELLO)


@pytest.mark.parametrize(
    ("listing", "words"),
    [
        ("<html><body>Login required</body></html>", r"not JSON.*Login required"),
        ('{"data": [{"id": null}]}', "lists no model"),
        ('{"data": [{"id": ""}]}', "lists no model"),
        ('["fake"]', "lists no model"),
    ],
)
def test_a_models_page_that_is_not_a_model_list_is_unavailable(
    server: Any, listing: str, words: str
) -> None:
    url, _ = server({"/v1/models": (200, [listing])})
    with pytest.raises(Unavailable, match=words):
        complete(OpenAIChatModel(url, timeout_s=5), HELLO)


@pytest.fixture
def raw_server() -> Iterator[Callable[[bytes], str]]:
    """A server that answers one request with the given bytes, as they are, then hangs up."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def serve(reply: bytes) -> str:
            def answer() -> None:
                connection, _ = listener.accept()
                connection.recv(65536)
                connection.sendall(reply)
                connection.close()

            threading.Thread(target=answer, daemon=True).start()
            return f"http://127.0.0.1:{listener.getsockname()[1]}"

        yield serve


def test_a_reply_cut_mid_chunk_is_unavailable(raw_server: Callable[[bytes], str]) -> None:
    """Chunked transfer that stops inside a chunk: http.client says IncompleteRead."""
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    url = raw_server(head + b"40\r\n" + chunk("a").encode())  # 64 bytes promised
    with pytest.raises(Unavailable, match="dropped the answer"):
        complete(OpenAIChatModel(url, model="m", timeout_s=5), HELLO)


@pytest.mark.parametrize("body", [b"ff\r\nbusy", b"zz\r\nbusy\r\n0\r\n\r\n"])
def test_an_error_answer_whose_body_breaks_is_still_unavailable(
    raw_server: Callable[[bytes], str], body: bytes
) -> None:
    """A 503 whose chunked body is cut or malformed: the status is reason enough."""
    head = b"HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
    url = raw_server(head + body)
    with pytest.raises(Unavailable, match=r"answered 503 .*no readable body"):
        complete(OpenAIChatModel(url, model="m", timeout_s=5), HELLO)
