"""Start-up (issue 15): a Chinese `score` screen and reading a YAML file compile no regular
expression whose character class spans tens of thousands of characters (Python's `re`
visits each one: ~8 ms for the CJK classes, ~5 ms for PyYAML's), and what they match is
unchanged."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from sme_assess.pack.yaml_import import NON_PRINTABLE, REFUSED
from sme_assess.terminal.cjk_wrap import has_cjk, is_cjk

# the characters `re` visits compiling each class it meets (ranges inside the BMP)
_COUNT = """
import re._compiler as compiler
visited = [0]
optimize = compiler._optimize_charset
def counting(charset, *args, **kwargs):
    for op, av in charset:
        if op is compiler.RANGE:
            visited[0] += min(av[1], 0xFFFF) - av[0] + 1
    return optimize(charset, *args, **kwargs)
compiler._optimize_charset = counting
"""


def _visited(code: str) -> int:
    program = _COUNT + textwrap.dedent(code) + "\nprint(visited[0])\n"
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return int(out.stdout)


def test_a_chinese_screen_breaks_its_lines_without_compiling_a_large_class() -> None:
    visited = _visited(
        """
        import rich.text, sme_assess.wording.typography, sme_assess.terminal.keep_wrap
        visited[0] = 0
        from sme_assess.terminal.cjk_wrap import divide_cjk
        divide_cjk("对照GB/T 39116智能制造能力成熟度，3年合计约18.4万元。", 12)
        """
    )
    assert visited < 1_000


def test_reading_yaml_compiles_no_large_class() -> None:
    visited = _visited(
        """
        from sme_assess.pack.yamldoc import parse_yaml
        parse_yaml("a: 1\\nb: [x, y]\\n", "t.yaml")
        """
    )
    assert visited < 10_000


def test_the_yaml_class_refuses_the_same_characters() -> None:
    import_yaml_text = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sme_assess.pack.yaml_import import import_yaml, REFUSED\n"
            "import_yaml()\n"
            "import yaml\n"
            "print(yaml.reader.Reader.NON_PRINTABLE.pattern == REFUSED)",
        ],
        capture_output=True,
        text=True,
    )
    assert import_yaml_text.stdout.strip() == "True"  # the seed took
    pyyaml = re.compile(NON_PRINTABLE, re.UNICODE)  # another key: compiled from PyYAML's text
    ours = re.compile(REFUSED)
    every = "".join(map(chr, range(0x110000)))
    refused = [m.start() for m in ours.finditer(every)]
    assert refused == [m.start() for m in pyyaml.finditer(every)]
    assert len(refused) == 9 + 2 + 18 + 6 + 26 + 2048 + 2  # C0, DEL, C1, surrogates, FFFE/F


def test_cjk_is_the_blocks_it_was() -> None:
    blocks = re.compile(
        "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
        "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
    )
    every = "".join(map(chr, range(0x110000)))
    assert [c for c in every if is_cjk(c)] == blocks.findall(every)
    assert has_cjk("3年") and has_cjk("ｘ") and not has_cjk("ISO 9001 ¥ 50,000 – —")
