"""Files that are no text at all (a PDF, a workbook, a picture renamed .csv or .json), told by
their first bytes: the error names what the file is, not an encoding to save it in."""

from __future__ import annotations

from ..errors import InputError, Where

# first bytes, and the format's name as people know it (not translated: names of formats)
_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP (XLSX, DOCX)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE (XLS, DOC)"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
)
HEAD_BYTES = 8  # enough for every signature above


def refuse_binary(head: bytes, shown: str) -> None:
    """InputError when ``head`` (a file's first bytes) starts a known non-text format."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            why = f"a {kind} file, not text: not read (saved in another format, or renamed?)"
            raise InputError(why, Where(shown))
