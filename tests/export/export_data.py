"""Constants shared by the export tests (imported by name: tests/ is not a package)."""

from __future__ import annotations

GENERATED = "2026-03-04T05:06:07Z"
HOSTILE_NOTE = '<script>alert("x")</script> & =HYPERLINK("http://evil.example","click")'
TEXT_1 = (
    "Kyiv talks resume 😀 as ministers meet\n\n"
    "Finance Minister Олена Коваль said “we will pay €12 billion by March” to the fund.\n"
    "Officials said the plan may perhaps slip, and Jörg Weiß warned it “could be difficult”."
)
TEXT_2 = "Second story.\n\nThe mayor said the bridge will reopen in May."


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)
