"""Form bodies parsed in memory, with limits: nothing a browser sends is written to disk.

Starlette's own form parser spools uploaded files larger than 1 MiB to temporary files; the
dashboard must never write an upload outside its store, so :class:`accord.web.security.Guard`
reads each state-changing request's body itself (stopping past the size limit) and parses it
here, from bytes, into a :class:`Form`. Handlers read fields and files from that form only.

Both encodings browsers use are understood: ``application/x-www-form-urlencoded`` and
``multipart/form-data`` (with files). Field values must be UTF-8; a malformed body is a
:class:`FormError` (400), never an exception from deep inside a parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from python_multipart.multipart import MultipartParser, parse_options_header


class FormError(Exception):
    """A request body that cannot be read as a form (shown as a 400 page)."""


@dataclass(frozen=True)
class Upload:
    """A file sent with a form: the name the browser gave it and its bytes (in memory)."""

    filename: str
    content_type: str | None
    data: bytes


@dataclass
class Form:
    """The fields (text) and files of a parsed form; every name may repeat."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, list[Upload]] = field(default_factory=dict)

    def get(self, name: str, default: str = "") -> str:
        """The first value of field ``name`` (``default`` when absent)."""
        values = self.fields.get(name)
        return values[0] if values else default

    def getlist(self, name: str) -> list[str]:
        return list(self.fields.get(name, []))

    def file(self, name: str) -> Upload | None:
        """The first file sent as ``name``, if the user chose one (browsers send an empty part
        with no file name when none was chosen)."""
        for upload in self.files.get(name, []):
            if upload.filename or upload.data:
                return upload
        return None

    def count(self) -> int:
        return sum(map(len, self.fields.values())) + sum(map(len, self.files.values()))


def parse_form(body: bytes, content_type: str | None, *, max_fields: int) -> Form:
    """Parse a request body by its content type (an empty body is an empty form)."""

    kind, params = parse_options_header(content_type or "")
    media = kind.decode("latin-1").lower()
    if not body.strip() and media != "multipart/form-data":
        return Form()
    if media == "application/x-www-form-urlencoded":
        return _urlencoded(body, max_fields)
    if media == "multipart/form-data":
        boundary = params.get(b"boundary")
        if not boundary:
            raise FormError("the multipart form has no boundary")
        return _multipart(body, boundary, max_fields)
    raise FormError(f"expected a form (urlencoded or multipart), got "
                    f"'{media or 'no content type'}'")


def _urlencoded(body: bytes, max_fields: int) -> Form:
    try:
        pairs = parse_qsl(body.decode("latin-1"), keep_blank_values=True,
                          max_num_fields=max_fields, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise FormError("a form field is not UTF-8 text") from None
    except ValueError:
        raise FormError(f"the form has more than {max_fields} fields") from None
    form = Form()
    for name, value in pairs:
        form.fields.setdefault(name, []).append(value)
    return form


@dataclass
class _Part:
    headers: dict[str, str] = field(default_factory=dict)
    data: bytearray = field(default_factory=bytearray)


def _multipart(body: bytes, boundary: bytes, max_fields: int) -> Form:

    parts: list[_Part] = []
    header = {"field": bytearray(), "value": bytearray()}

    def on_part_begin() -> None:
        if len(parts) >= max_fields:
            raise FormError(f"the form has more than {max_fields} fields")
        parts.append(_Part())

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header["value"] += data[start:end]

    def on_header_end() -> None:
        name = header["field"].decode("latin-1").lower()
        parts[-1].headers[name] = header["value"].decode("latin-1")
        header["field"].clear()
        header["value"].clear()

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1].data += data[start:end]

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field,
        "on_header_value": on_header_value, "on_header_end": on_header_end,
        "on_part_data": on_part_data})
    try:
        parser.write(body)
        parser.finalize()
    except FormError:
        raise
    except Exception:  # python-multipart raises several kinds for a malformed body
        raise FormError("the multipart form is malformed") from None

    form = Form()
    for part in parts:
        _, options = parse_options_header(part.headers.get("content-disposition", ""))
        raw_name = options.get(b"name")
        if raw_name is None:
            raise FormError("a part of the multipart form has no field name")
        name = _utf8(raw_name, "a field name")
        if b"filename" in options:
            filename = _utf8(options[b"filename"], "a file name")
            form.files.setdefault(name, []).append(Upload(
                filename=filename, content_type=part.headers.get("content-type"),
                data=bytes(part.data)))
        else:
            form.fields.setdefault(name, []).append(_utf8(bytes(part.data), f"field '{name}'"))
    return form


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise FormError(f"{what} is not UTF-8 text") from None
