"""The `quizapp-deck/1` YAML deck file format ⇄ domain Deck (pure; DESIGN §6).

A deck file names its source article with a path relative to the deck file. Source offsets
(`source: {start, end}` of each item) are character offsets into the *whole* article file as read:
its bytes decoded as UTF-8 with no newline translation and no normalisation, any attribution header
included. `source.sha256` is the SHA-256 of those bytes. The quote of an item is
`text[start:end]`; `dump_deck` writes it as a comment after the span for readers, and loading
ignores comments, so the article file stays the only truth.

Loading checks everything and reports every problem as `file:line: message`, all at once, in a
`DeckFileError`. `dump_deck` is canonical: loading a file it wrote and dumping it again gives the
same bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizapp.domain.items import CLOZE_BLANK, ITEM_KINDS, ITEM_TYPES, Deck, DeckSource, QuizItem

FORMAT = "quizapp-deck/1"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_KEY_LENGTH = 120
# The database's column sizes (models.py): longer text would fail only when stored.
MAX_TITLE_LENGTH = 300
MAX_TOPIC_LENGTH = 200
MAX_URL_LENGTH = 2000
TRUE_FALSE = ("True", "False")
# A deck file nests five levels (deck, items, item, source, span); far deeper nesting would only
# exhaust the composer's stack.
MAX_DEPTH = 20
MAX_DIGITS = 18

_TOP_FIELDS = {"format": True, "slug": True, "title": True, "description": False}
_TOP_FIELDS.update(source=True, items=True)
_SOURCE_FIELDS = {"file": True, "title": True, "author": False, "publication": False, "url": False}
_SOURCE_FIELDS["sha256"] = True
_ITEM_FIELDS = {
    "key": True,
    "type": True,
    "kind": False,
    "topic": False,
    "prompt": True,
    "answer": True,
    "choices": False,
    "accepted": False,
    "explanation": False,
    "tags": False,
    "score": False,
    "source": False,
}
_SPAN_FIELDS = {"start": True, "end": True}

SourceReader = Callable[[str], bytes]


class DeckFileError(ValueError):
    """A deck file that cannot be loaded; `errors` lists every problem as `file:line: message`.

    `unreadable` is True when the file could not be read as YAML at all (one error then).
    """

    def __init__(self, errors: list[str], *, unreadable: bool = False):
        self.errors = list(errors)
        self.unreadable = unreadable
        super().__init__("\n".join(self.errors))


class _DeckLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and deep nesting before they cost stack or time."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        mark = self.peek_event().start_mark
        if self.check_event(AliasEvent):
            # One alias can stand for a whole subtree many times over; deck files never need one.
            raise ComposerError(None, None, "aliases (*name) are not allowed in deck files", mark)
        if self.depth >= MAX_DEPTH:
            raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of bytes as lowercase hex."""
    return hashlib.sha256(data).hexdigest()


def load_deck(path: str | Path) -> Deck:
    """Read and validate a deck file and its source article (relative to the deck file)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        message = f"{path}:1: cannot read the deck file ({error.strerror})"
        raise DeckFileError([message], unreadable=True) from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"{path}:1: the deck file is not UTF-8 text"
        raise DeckFileError([message], unreadable=True) from error

    def read_source(relative: str) -> bytes:
        return (path.parent / relative).read_bytes()

    return parse_deck(text, filename=str(path), read_source=read_source)


def parse_deck(text: str, *, filename: str = "deck.yaml", read_source: SourceReader) -> Deck:
    """Validate deck YAML text; `read_source(relative_path)` returns the article's bytes."""
    return _DeckReader(filename, read_source).read(text)


class _DeckReader:
    """Walks the composed YAML node tree, building the Deck and collecting errors with lines."""

    def __init__(self, filename: str, read_source: SourceReader):
        self.filename = filename
        self.read_source = read_source
        self.problems: list[tuple[int, str]] = []
        self.constructor = SafeConstructor()

    # -- error reporting and typed field access -------------------------------------------------

    def error(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else node.start_mark.line + 1
        self.problems.append((line, message))

    @property
    def errors(self) -> list[str]:
        """Every problem so far as `file:line: message`, in line order."""
        ordered = sorted(self.problems, key=lambda problem: problem[0])
        return [f"{self.filename}:{line}: {message}" for line, message in ordered]

    def mapping(self, node: Node, fields: dict[str, bool], what: str) -> dict[str, Node] | None:
        """Fields of a mapping node; reports wrong type, unknown, duplicate and missing keys."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping")
            return None
        found: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            line = key_node.start_mark.line + 1
            if key not in fields:
                known = ", ".join(fields)
                self.error(key_node, f"unknown key {key!r} in {what} (known: {known})")
            elif key in found:
                first = first_line[key]
                self.error(key_node, f"duplicate key {key!r} in {what} (first on line {first})")
            else:
                found[key] = value_node
                first_line[key] = line
        for name, required in fields.items():
            if required and name not in found:
                self.error(node, f"missing field {name!r} in {what}")
        return found

    def string(
        self, node: Node | None, what: str, *, nonempty: bool = False, limit: int | None = None
    ) -> str | None:
        """A scalar as its text (numbers and booleans keep what was typed), at most `limit` long."""
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.error(node, f"{what} must be a string")
            return None
        if limit is not None and len(node.value) > limit:
            self.error(node, f"{what} is longer than {limit} characters")
            return None
        if nonempty and not node.value.strip():
            self.error(node, f"{what} is empty")
            return None
        return node.value

    def integer(self, node: Node, what: str) -> int | None:
        if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:int":
            self.error(node, f"{what} must be an integer")
            return None
        if len(node.value) > MAX_DIGITS:
            # int() refuses over 4,300 digits, and no offset or score needs more than a few.
            self.error(node, f"{what} is too large")
            return None
        return self.constructor.construct_yaml_int(node)

    def number(self, node: Node, what: str) -> float | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            value = self.integer(node, what)
            return float(value) if value is not None else None
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:float":
            return self.constructor.construct_yaml_float(node)
        self.error(node, f"{what} must be a number")
        return None

    def strings(self, node: Node | None, what: str) -> list[str]:
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list of strings")
            return []
        values = []
        for child in node.value:
            value = self.string(child, f"each entry of {what}", nonempty=True)
            if value is not None:
                values.append(value)
        return values

    def unreadable(self, line: int, problem: str) -> DeckFileError:
        """The one error of a file that is not readable YAML."""
        return DeckFileError([f"{self.filename}:{line}: invalid YAML: {problem}"], unreadable=True)

    # -- the document ---------------------------------------------------------------------------

    def read(self, text: str) -> Deck:
        try:
            root = yaml.compose(text, Loader=_DeckLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else 1
            problem = error.problem or error.context or "syntax error"
            raise self.unreadable(line, problem) from error
        except yaml.YAMLError as error:
            # e.g. a ReaderError for a control character; its text spans several lines.
            problem = getattr(error, "reason", None) or str(error).splitlines()[0]
            raise self.unreadable(1, problem) from error
        if root is None:
            raise DeckFileError([f"{self.filename}:1: the deck file is empty"])
        deck = self.read_deck(root)
        if self.errors or deck is None:
            raise DeckFileError(self.errors)
        return deck

    def read_deck(self, root: Node) -> Deck | None:
        fields = self.mapping(root, _TOP_FIELDS, "the deck")
        if fields is None:
            return None
        if "format" in fields:
            fmt = self.string(fields["format"], "format")
            if fmt is not None and fmt != FORMAT:
                self.error(fields["format"], f"format must be {FORMAT!r}, not {fmt!r}")
        slug = self.string(fields.get("slug"), "slug", nonempty=True, limit=MAX_KEY_LENGTH)
        if slug is not None and not SLUG_RE.match(slug):
            self.error(fields["slug"], f"slug {slug!r} must be lowercase a-z, 0-9 and dashes")
        title = self.string(fields.get("title"), "title", nonempty=True, limit=MAX_TITLE_LENGTH)
        description = self.string(fields.get("description"), "description") or ""
        source = self.read_source_block(fields["source"]) if "source" in fields else None
        items = self.read_items(fields["items"], source) if "items" in fields else []
        if slug is None or title is None:
            return None
        return Deck(slug=slug, title=title, description=description, source=source, items=items)

    def read_source_block(self, node: Node) -> DeckSource | None:
        fields = self.mapping(node, _SOURCE_FIELDS, "source")
        if fields is None:
            return None
        file = self.string(fields.get("file"), "source file", nonempty=True)
        title = self.string(
            fields.get("title"), "source title", nonempty=True, limit=MAX_TITLE_LENGTH
        )
        author = self.string(fields.get("author"), "source author", limit=MAX_TITLE_LENGTH) or ""
        publication = (
            self.string(fields.get("publication"), "source publication", limit=MAX_TITLE_LENGTH)
            or ""
        )
        url = self.string(fields.get("url"), "source url", limit=MAX_URL_LENGTH) or ""
        sha256 = self.string(fields.get("sha256"), "source sha256", nonempty=True)
        if sha256 is not None and not SHA256_RE.match(sha256):
            self.error(fields["sha256"], "source sha256 must be 64 lowercase hex digits")
            sha256 = None
        text = self.read_article(fields.get("file"), file, fields.get("sha256"), sha256)
        if file is None or title is None:
            return None
        return DeckSource(
            title=title,
            author=author,
            publication=publication,
            url=url,
            sha256=sha256 or "",
            file=file,
            text=text if text is not None else "",
        )

    def read_article(
        self, file_node: Node | None, file: str | None, sha_node: Node | None, sha256: str | None
    ) -> str | None:
        """The article text, or None (with an error) when it cannot be read or does not match."""
        if file is None or file_node is None:
            return None
        relative = PurePosixPath(file)
        if relative.is_absolute() or ".." in relative.parts or "\\" in file:
            self.error(file_node, f"source file {file!r} must be a path below the deck file")
            return None
        try:
            data = self.read_source(file)
        except OSError as error:
            self.error(file_node, f"cannot read source file {file!r} ({error.strerror or error})")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            self.error(file_node, f"source file {file!r} is not UTF-8 text")
            return None
        actual = sha256_hex(data)
        if sha256 is not None and sha_node is not None and sha256 != actual:
            self.error(sha_node, f"source sha256 does not match {file!r}, whose sha256 is {actual}")
            return None
        return text

    def read_items(self, node: Node, source: DeckSource | None) -> list[QuizItem]:
        if not isinstance(node, SequenceNode):
            self.error(node, "items must be a list")
            return []
        if not node.value:
            self.error(node, "items is empty; a deck needs at least one item")
        text = source.text if source is not None and source.text else None
        items: list[QuizItem] = []
        key_lines: dict[str, int] = {}
        for item_node in node.value:
            item = self.read_item(item_node, text)
            if item is None:
                continue
            if item.key in key_lines:
                self.error(
                    item_node,
                    f"duplicate item key {item.key!r} (first on line {key_lines[item.key]})",
                )
                continue
            key_lines[item.key] = item_node.start_mark.line + 1
            items.append(item)
        return items

    def read_item(self, node: Node, text: str | None) -> QuizItem | None:
        fields = self.mapping(node, _ITEM_FIELDS, "item")
        if fields is None:
            return None
        problems_before = len(self.problems)
        key = self.string(fields.get("key"), "key", nonempty=True)
        if key is not None and (not SLUG_RE.match(key) or len(key) > MAX_KEY_LENGTH):
            self.error(fields["key"], f"key {key!r} must be a slug (a-z, 0-9, dashes; ≤ 120 chars)")
        item_type = self.string(fields.get("type"), "type")
        if item_type is not None and item_type not in ITEM_TYPES:
            known = ", ".join(ITEM_TYPES)
            self.error(fields["type"], f"invalid type {item_type!r} (one of {known})")
            item_type = None
        kind = "fact"
        if "kind" in fields:
            kind = self.string(fields["kind"], "kind") or "fact"
            if kind not in ITEM_KINDS:
                known = ", ".join(ITEM_KINDS)
                self.error(fields["kind"], f"invalid kind {kind!r} (one of {known})")
        prompt = self.string(fields.get("prompt"), "prompt", nonempty=True)
        answer = self.read_answer(fields.get("answer"), item_type)
        choices = self.strings(fields.get("choices"), "choices")
        accepted = self.strings(fields.get("accepted"), "accepted")
        tags = self.strings(fields.get("tags"), "tags")
        topic = self.string(fields.get("topic"), "topic", limit=MAX_TOPIC_LENGTH) or ""
        explanation = self.string(fields.get("explanation"), "explanation") or ""
        score = 0.0
        if "score" in fields:
            score = self.number(fields["score"], "score") or 0.0
        start = end = None
        quote = ""
        if "source" in fields:
            start, end, quote = self.read_span(fields["source"], text)

        self.check_type_rules(node, fields, item_type, prompt, answer, choices, quote, start)
        if len(self.problems) > problems_before or key is None or item_type is None:
            # Still return the key so duplicates are reported; the deck is rejected anyway.
            return QuizItem(key=key, type="basic", prompt="", answer="") if key else None
        return QuizItem(
            key=key,
            type=item_type,
            kind=kind,
            prompt=prompt or "",
            answer=answer or "",
            choices=choices,
            accepted=accepted,
            explanation=explanation,
            source_start=start,
            source_end=end,
            quote=quote,
            topic=topic,
            tags=tags,
            score=score,
        )

    def read_answer(self, node: Node | None, item_type: str | None) -> str | None:
        if node is None:
            return None
        if item_type == "true_false" and isinstance(node, ScalarNode):
            if node.tag == "tag:yaml.org,2002:bool":
                return "True" if self.constructor.construct_yaml_bool(node) else "False"
            if node.value not in TRUE_FALSE:
                self.error(node, f"true_false answer must be True or False, not {node.value!r}")
                return None
        return self.string(node, "answer", nonempty=True)

    def read_span(self, node: Node, text: str | None) -> tuple[int | None, int | None, str]:
        fields = self.mapping(node, _SPAN_FIELDS, "item source")
        if not fields or "start" not in fields or "end" not in fields:
            return None, None, ""
        start = self.integer(fields["start"], "source start")
        end = self.integer(fields["end"], "source end")
        if start is None or end is None:
            return None, None, ""
        if not 0 <= start < end:
            self.error(node, f"source span {start}..{end} is empty or negative")
            return None, None, ""
        if text is None:
            return start, end, ""
        if end > len(text):
            size = len(text)
            self.error(node, f"source span {start}..{end} is outside the article ({size} chars)")
            return None, None, ""
        return start, end, text[start:end]

    def check_type_rules(
        self,
        node: Node,
        fields: dict[str, Node],
        item_type: str | None,
        prompt: str | None,
        answer: str | None,
        choices: list[str],
        quote: str,
        start: int | None,
    ) -> None:
        """Rules that depend on the item type (mcq choices, cloze blank and quote)."""
        if item_type == "mcq":
            where = fields.get("choices", node)
            if len(choices) < 2:
                self.error(where, "an mcq item needs at least 2 choices")
            repeated = sorted({choice for choice in choices if choices.count(choice) > 1})
            for choice in repeated:
                if choice != answer:
                    self.error(where, f"choice {choice!r} is repeated")
            if answer is not None and choices:
                count = choices.count(answer)
                if count == 0:
                    self.error(fields["answer"], f"mcq answer {answer!r} is not among the choices")
                elif count > 1:
                    self.error(
                        fields["answer"], f"mcq answer {answer!r} appears {count} times in choices"
                    )
        elif choices:
            self.error(fields["choices"], "choices are only allowed on mcq items")
        if item_type == "cloze":
            if prompt is not None and CLOZE_BLANK not in prompt:
                self.error(fields["prompt"], f"a cloze prompt must contain the blank {CLOZE_BLANK}")
            if "source" not in fields:
                self.error(node, "a cloze item needs a source span")
            elif answer is not None and quote and answer.casefold() not in quote.casefold():
                self.error(fields["answer"], f"cloze answer {answer!r} is not in its quote")


# -- writing --------------------------------------------------------------------------------------


class _Flow(dict):
    """A mapping written in flow style (`{start: 1, end: 9}`)."""


class _FlowList(list):
    """A list written in flow style (`[a, b]`)."""


class _Dumper(yaml.SafeDumper):
    pass


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _represent_flow_list(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(_FlowList, _represent_flow_list)
_Dumper.add_representer(str, _represent_str)


def _yaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )


def _item_mapping(item: QuizItem) -> dict[str, Any]:
    data: dict[str, Any] = {"key": item.key, "type": item.type, "kind": item.kind}
    if item.topic:
        data["topic"] = item.topic
    data["prompt"] = item.prompt
    data["answer"] = item.answer
    if item.choices:
        data["choices"] = list(item.choices)
    if item.accepted:
        data["accepted"] = _FlowList(item.accepted)
    if item.explanation:
        data["explanation"] = item.explanation
    if item.tags:
        data["tags"] = _FlowList(item.tags)
    if item.score:
        data["score"] = float(item.score)
    if item.source_start is not None and item.source_end is not None:
        data["source"] = _Flow(start=item.source_start, end=item.source_end)
    return data


def dump_deck(deck: Deck) -> str:
    """The deck as canonical `quizapp-deck/1` YAML (quotes written as comments)."""
    head: dict[str, Any] = {"format": FORMAT, "slug": deck.slug, "title": deck.title}
    if deck.description:
        head["description"] = deck.description
    if deck.source is not None:
        source: dict[str, Any] = {"file": deck.source.file, "title": deck.source.title}
        if deck.source.author:
            source["author"] = deck.source.author
        if deck.source.publication:
            source["publication"] = deck.source.publication
        if deck.source.url:
            source["url"] = deck.source.url
        source["sha256"] = deck.source.sha256
        head["source"] = source
    parts = [_yaml(head), "items:\n"]
    for item in deck.items:
        block = _yaml([_item_mapping(item)])
        if item.quote and item.source_start is not None:
            block += "  # " + " ".join(item.quote.split()) + "\n"
        parts.append("\n" + block)
    return "".join(parts)
