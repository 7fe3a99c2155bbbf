"""The remote backend: any server that speaks OpenAI's streaming chat completions.

vLLM, TGI and Ollama all serve `POST /v1/chat/completions` with `stream: true`, answering in
server-sent events: `data: {json chunk}` lines, then `data: [DONE]`. The standard library's
urllib is enough for that, so no SDK is needed. Every failure (server down, a dropped
connection, a status other than 200, a timeout, a reply that is not HTTP, a /models page that is
not a model list, a line that is not a chunk) becomes Unavailable with the URL in it.
"""

import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from assistant.llm.base import Message
from commerce.errors import InvalidInput, Unavailable

DEFAULT_MAX_NEW_TOKENS = 512


def api_base(url: str) -> str:
    """`http://host:8000`, `…/v1` or `…/v1/chat/completions` → `http://host:8000/v1`."""
    if not url.startswith(("http://", "https://")):
        raise InvalidInput(f"LLM server URL {url!r} must start with http:// or https://")
    base = url.rstrip("/").removesuffix("/chat/completions")
    return base if base.endswith("/v1") else base + "/v1"


class OpenAIChatModel:
    """A ChatModel served over HTTP. `model` is the served name; empty asks the server."""

    def __init__(
        self, url: str, *, model: str = "", api_key: str = "", timeout_s: float = 60.0
    ) -> None:
        self.base = api_base(url)
        self.model, self.api_key, self.timeout_s = model, api_key, timeout_s
        self.name = f"{model or 'served model'} at {self.base}"

    def stream(self, messages: Sequence[Message], **params: Any) -> Iterator[str]:
        """Stream the reply; params: max_new_tokens, temperature (0 = greedy), stop."""
        body: dict[str, Any] = {
            "model": self.served_model(),
            "messages": [dict(m) for m in messages],
            "stream": True,
            "max_tokens": int(params.get("max_new_tokens", DEFAULT_MAX_NEW_TOKENS)),
            "temperature": float(params.get("temperature", 0.0)),
        }
        if params.get("stop"):
            body["stop"] = list(params["stop"])
        with self._open("/chat/completions", body) as response:
            for line in self._lines(response):
                # Blank lines separate events; ':' lines are SSE comments (keep-alives).
                if not line.startswith("data:"):
                    continue
                data = line.removeprefix("data:").strip()
                if data == "[DONE]":
                    return
                if text := self._content(data):
                    yield text
        raise Unavailable(f"LLM server {self.base} ended the answer without [DONE]")

    def _lines(self, response: Any) -> Iterator[str]:
        with self._reading("/chat/completions"):
            for raw in response:
                yield raw.decode("utf-8", errors="replace").strip()

    def served_model(self) -> str:
        """The model name to send: the configured one, else the first the server lists."""
        if not self.model:
            with self._open("/models", None) as response:
                kind = response.headers.get("Content-Type", "no Content-Type")
                with self._reading("/models"):
                    body = bytes(response.read())
            try:
                listed = json.loads(body)
            except ValueError:  # a proxy's login page or a URL that names some other service
                shown = " ".join(body[:200].decode("utf-8", errors="replace").split())
                raise Unavailable(
                    f"LLM server {self.base}/models sent a page that is not JSON ({kind}): "
                    f"{shown!r}; is RETAIN_LLM_URL the chat server's address?"
                ) from None
            try:
                served = listed["data"][0]["id"]
            except (KeyError, IndexError, TypeError):
                served = None
            if not isinstance(served, str) or not served.strip():
                message = f"{self.base}/models lists no model: set the served model name"
                raise Unavailable(message)
            self.model = served
        return self.model

    @contextmanager
    def _reading(self, path: str) -> Iterator[None]:
        """A reply that stalls or breaks off while read is Unavailable, as one that never came."""
        try:
            yield
        except TimeoutError:
            raise Unavailable(
                f"LLM server {self.base}{path} went silent for {self.timeout_s:g} s mid-answer"
            ) from None
        except (OSError, http.client.HTTPException) as error:
            # IncompleteRead (an HTTPException) is a chunked reply cut off mid-chunk.
            raise Unavailable(
                f"LLM server {self.base}{path} dropped the answer: {error!r}"
            ) from None

    def _open(self, path: str, body: dict[str, Any] | None) -> Any:
        headers = {"Content-Type": "application/json", "Accept": "text/event-stream"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            # The timeout bounds the connection and each read, not the whole answer.
            return urllib.request.urlopen(request, timeout=self.timeout_s)
        except urllib.error.HTTPError as error:
            try:
                detail = error.read(500).decode("utf-8", errors="replace").strip()
            except (OSError, http.client.HTTPException):  # a cut-off body: the status says enough
                detail = "(no readable body)"
            raise Unavailable(
                f"LLM server {self.base} answered {error.code} {error.reason}: {detail}"
            ) from None
        except urllib.error.URLError as error:
            raise Unavailable(f"LLM server {self.base} is unreachable: {error.reason}") from None
        except TimeoutError:
            raise Unavailable(
                f"LLM server {self.base} did not answer within {self.timeout_s:g} s"
            ) from None
        except ConnectionError as error:  # RemoteDisconnected is one: getresponse() raises it bare
            raise Unavailable(
                f"LLM server {self.base} closed the connection without answering: {error}"
            ) from None
        except http.client.HTTPException as error:
            raise Unavailable(
                f"LLM server {self.base} sent something that is not an HTTP reply: {error!r}"
            ) from None
        except OSError as error:
            raise Unavailable(f"LLM server {self.base} failed mid-request: {error!r}") from None

    def _content(self, data: str) -> str:
        malformed = Unavailable(f"LLM server {self.base} sent a malformed line: {data[:200]!r}")
        try:
            chunk = json.loads(data)
        except json.JSONDecodeError:
            raise malformed from None
        if isinstance(chunk, dict) and "error" in chunk:
            raise Unavailable(f"LLM server {self.base} failed mid-answer: {chunk['error']}")
        try:
            # A chunk with no choices (usage statistics, say) carries no text.
            content = chunk["choices"][0]["delta"].get("content") if chunk["choices"] else ""
        except (KeyError, IndexError, TypeError, AttributeError):
            raise malformed from None
        return str(content or "")
