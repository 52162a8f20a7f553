"""`sme-assess compare` and `report --previous` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf

from ..conftest import FIXTURES

JOB_T0 = FIXTURES / "personas" / "job_shop.yaml"
JOB_T1 = FIXTURES / "progress" / "job_shop_after.yaml"
AUTO_T0 = FIXTURES / "personas" / "auto_parts.yaml"
AUTO_T1 = FIXTURES / "progress" / "auto_parts_after.yaml"
SMALL = FIXTURES / "answers" / "sample_small.yaml"


def test_compare_table_in_the_answers_language(cli) -> None:
    result = cli("compare", str(JOB_T0), str(JOB_T1))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2026-11-20以来的进展" in out
    # scores whole, as `score` and the report show them (11.5 -> 13.6), the change the
    # difference of the scores shown; an unchanged category "0", never "±0.0"
    rows = {line.split("│")[0].strip(): line.split("│")[1:] for line in out.splitlines()}
    assert [x.strip() for x in rows["总分"]] == ["12", "14", "+2"]
    # strategy: the owner leading alone (1.5 of 3) becomes a deputy at the head with a named
    # person and a budget (2.5 of 3), though the stage of digital work is still "none"
    assert "第0档" in out and [x.strip() for x in rows["战略与组织"]] == ["10", "17", "+7"]
    assert [x.strip() for x in rows["质量管理"]] == ["24", "24", "0"]
    assert "±" not in out and "11.5" not in out and "+2.1" not in out
    assert "已解决的痛点" in out and "数字化没人牵头" in out
    assert "明确数字化负责人" in out and "扫码报工（属于：轻量一体化生产管理SaaS）" in out
    # the framework estimates are named as the owner reads them, not by their ids
    flat = out.replace("│", " ").replace(" ", "").replace("\n", "")
    assert "工信部中小企业数字化水平评测（2024年版）" in flat
    assert "miit_2024" not in out and "gbt_39116" not in out


def test_compare_json_is_the_progress_model(cli) -> None:
    result = cli("compare", str(AUTO_T0), str(AUTO_T1), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # 2 then 4 of the 16 scenarios at rung 3; "Integrated" needs 8: stage 2 both times
    assert data["stage"] == {
        "before": 2,
        "after": 2,
        "before_name": "Systematic",
        "after_name": "Systematic",
        "moved_up": False,
    }
    production = next(c for c in data["categories"] if c["id"] == "production")
    assert production["score"] == {"before": 59.3, "after": 77.8, "change": 18.5}
    # scheduling now runs automatically in the MES (planning rung 3): what an APS would give
    assert [i["id"] for i in data["now_in_place"]] == ["aps_scheduling", "data_platform"]
    miit = next(e for e in data["estimates"] if e["framework"] == "miit_2024")
    # planning and production reach rung 3, four scenarios of the eight 三级 needs: the
    # estimate stays, and says what holds it
    assert (miit["level_before"], miit["level_after"], miit["passed_level_2"]) == (2, 2, False)
    assert miit["label_after"] == "Level 2"
    assert miit["name"] == "MIIT SME digital level (2024 edition)"
    assert miit["held_back_by"].startswith("Level 3 needs:")


def test_compare_markdown_html_and_pdf_files(cli, tmp_path: Path) -> None:
    for fmt in ("md", "html", "pdf"):
        out = tmp_path / f"progress.{fmt}"
        result = cli("compare", str(AUTO_T0), str(AUTO_T1), "-f", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert "comparison written" in result.stderr
    md = (tmp_path / "progress.md").read_text(encoding="utf-8")
    assert "## Progress since 2026-11-20" in md
    assert "| Planning and production | 59 | 78 | \\+19 · Stage 3 |" in md
    assert "| Quality | 69 | 69 | 0 |" in md
    html = (tmp_path / "progress.html").read_text(encoding="utf-8")
    assert "Lightweight data platform joining the systems" in html
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "progress.pdf").pages)
    assert "Progress since 2026-11-20" in text and "Plan items now in place" in text
    assert "Lightweight data platform" in text


def test_compare_refuses_different_questionnaires_and_folders(cli, tmp_path: Path) -> None:
    result = cli("compare", str(SMALL), str(JOB_T1))
    assert result.exit_code == 2
    assert "different questionnaires" in result.stderr and "Traceback" not in result.output
    result = cli("compare", str(tmp_path), str(JOB_T1))
    assert result.exit_code == 2 and "is a folder" in result.stderr


def test_compare_notes_a_different_company_without_refusing(cli, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    text = JOB_T1.read_text(encoding="utf-8").replace(
        "台州恒锐精密机械加工厂", '"温岭\\e[31m别家厂"'
    )
    other.write_text(text, encoding="utf-8")
    before = JOB_T1.read_bytes()
    result = cli("compare", str(JOB_T0), str(other), "-f", "md")
    assert result.exit_code == 0
    assert "企业名称不同" in result.stderr and "\x1b" not in result.stderr
    assert JOB_T1.read_bytes() == before


def test_report_previous_adds_a_progress_section(cli, tmp_path: Path) -> None:
    md = tmp_path / "report.md"
    result = cli("report", str(JOB_T1), "--previous", str(JOB_T0), "-o", str(md))
    assert result.exit_code == 0, result.output
    text = md.read_text(encoding="utf-8")
    assert "## 2026-11-20以来的进展" in text
    assert text.index("以来的进展") < text.index("分项诊断")  # right after the summary
    plain = tmp_path / "plain.md"
    assert cli("report", str(JOB_T1), "-o", str(plain)).exit_code == 0
    assert "以来的进展" not in plain.read_text(encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    result = cli("report", str(JOB_T1), "--previous", str(JOB_T0), "-o", str(pdf))
    assert result.exit_code == 0, result.output
    pages = "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    assert "以来的进展" in pages and "明确数字化负责人" in pages


def test_report_previous_refuses_json_and_another_questionnaire(cli, tmp_path: Path) -> None:
    result = cli("report", str(JOB_T1), "--previous", str(JOB_T0), "-o", str(tmp_path / "r.json"))
    assert result.exit_code == 2 and "compare --format json" in result.stderr
    result = cli("report", str(JOB_T1), "--previous", str(SMALL), "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 2 and "--previous" in result.stderr
    assert not (tmp_path / "r.md").exists()
