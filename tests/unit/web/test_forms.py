"""Form bodies parsed in memory: both encodings, files, and every malformed body a 400."""

from __future__ import annotations

import pytest

from accord.web.forms import FormError, parse_form

BOUNDARY = "XyZ123"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def multipart(*parts: tuple[str, bytes, str | None]) -> bytes:
    out = b""
    for name, data, filename in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        out += (f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n").encode()
        out += data + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


def test_urlencoded_fields_repeat_and_decode_utf8() -> None:
    form = parse_form(b"a=1&model=eum&model=smp&q=%C3%A9t%C3%A9+x&empty=",
                      "application/x-www-form-urlencoded", max_fields=10)
    assert form.get("a") == "1" and form.getlist("model") == ["eum", "smp"]
    assert form.get("q") == "été x" and form.get("empty") == "" and form.get("none") == ""
    assert form.count() == 5


def test_multipart_fields_and_files_stay_in_memory() -> None:
    data = bytes(range(256)) * 10
    form = parse_form(multipart(("csrf_token", b"t", None), ("file", data, "s.yaml"),
                                ("text", "Kyiv – “quote”".encode(), None)),
                      MULTIPART, max_fields=10)
    upload = form.file("file")
    assert upload is not None and upload.filename == "s.yaml" and upload.data == data
    assert form.get("text") == "Kyiv – “quote”" and form.get("csrf_token") == "t"


def test_an_empty_file_input_is_no_file() -> None:
    form = parse_form(multipart(("file", b"", "")), MULTIPART, max_fields=10)
    assert form.file("file") is None


def test_an_empty_body_is_an_empty_form() -> None:
    assert parse_form(b"", None, max_fields=10).count() == 0
    assert parse_form(b"", "application/x-www-form-urlencoded", max_fields=10).count() == 0


@pytest.mark.parametrize(("body", "kind", "message"), [
    (b"a=%FF%FE", "application/x-www-form-urlencoded", "not UTF-8"),
    (b"&".join(b"f%d=1" % k for k in range(20)), "application/x-www-form-urlencoded",
     "more than 5 fields"),
    (b'{"a": 1}', "application/json", "expected a form"),
    (b"a=1", None, "expected a form"),
    (b"garbage without boundaries", MULTIPART, "malformed"),
    (b"--x--", "multipart/form-data", "no boundary"),
])
def test_malformed_bodies_are_form_errors(body: bytes, kind: str | None, message: str) -> None:
    with pytest.raises(FormError, match=message):
        parse_form(body, kind, max_fields=5)


def test_multipart_limits_and_encodings() -> None:
    many = multipart(*[(f"f{k}", b"1", None) for k in range(8)])
    with pytest.raises(FormError, match="more than 5 fields"):
        parse_form(many, MULTIPART, max_fields=5)
    with pytest.raises(FormError, match="field 'text' is not UTF-8"):
        parse_form(multipart(("text", b"\xff\xfe", None)), MULTIPART, max_fields=5)
    nameless = (f"--{BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n"
                f"--{BOUNDARY}--\r\n").encode()
    with pytest.raises(FormError, match="no field name"):
        parse_form(nameless, MULTIPART, max_fields=5)
