"""The one module of the LLM engine that does I/O: a chat completion through the openai client."""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.generation.llm.settings import LlmSettings


class EndpointError(Exception):
    """The endpoint could not give an answer (down, slow, refused); the message says why."""


@dataclass(frozen=True)
class Completion:
    """The model's reply: its text, why it stopped, and the tokens it cost (0 when unknown)."""

    content: str
    finish_reason: str
    tokens: int


def complete(
    settings: LlmSettings, messages: list[dict[str, str]], response_format: dict
) -> Completion:
    """Ask the endpoint for one chat completion with structured output.

    The client retries rate limits (429), server errors and timeouts with exponential backoff
    (`settings.max_retries` times, honouring Retry-After); what still fails is an EndpointError.
    """
    import openai

    client = openai.OpenAI(
        base_url=settings.base_url,
        # Local servers (Ollama, llama.cpp) ignore the key, but the client insists on one.
        api_key=settings.api_key or "not-needed",
        timeout=settings.timeout,
        max_retries=settings.max_retries,
    )
    try:
        with client:
            response = client.chat.completions.create(
                model=settings.model,
                messages=messages,
                response_format=response_format,
                max_tokens=settings.output_tokens,
                temperature=0.2,
            )
    except openai.APITimeoutError:
        raise EndpointError(f"the endpoint did not answer within {settings.timeout:g} s") from None
    except openai.APIConnectionError as error:
        raise EndpointError(f"the endpoint could not be reached ({_cause(error)})") from None
    except openai.RateLimitError:
        raise EndpointError("the endpoint kept refusing with 429 Too Many Requests") from None
    except openai.APIStatusError as error:
        raise EndpointError(f"the endpoint answered HTTP {error.status_code}") from None
    except (openai.OpenAIError, ValueError) as error:
        raise EndpointError(f"the endpoint's answer was not a chat completion ({error})") from None
    if not getattr(response, "choices", None):
        raise EndpointError("the endpoint's answer had no choices")
    choice = response.choices[0]
    usage = getattr(response, "usage", None)
    return Completion(
        content=(choice.message.content if choice.message else None) or "",
        finish_reason=choice.finish_reason or "",
        tokens=int(getattr(usage, "total_tokens", 0) or 0),
    )


def _cause(error: Exception) -> str:
    cause = error.__cause__ or error.__context__
    text = str(cause or error).strip().splitlines()
    return text[0][:120] if text else type(error).__name__
