"""Findings as text for machines: JSON, GitHub workflow commands, SARIF 2.1.0."""

from __future__ import annotations

import json

from .. import __version__
from .findings import RULES, Finding, Severity

TOOL_URI = "https://github.com/sme-assess/sme-assess"


def to_json(findings: list[Finding], packs: list[str]) -> str:
    errors = sum(1 for f in findings if f.level == Severity.ERROR)
    doc = {
        "tool": "sme-assess",
        "version": __version__,
        "packs": packs,
        "summary": {"errors": errors, "warnings": len(findings) - errors},
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "col": f.col,
                "rule": f.rule,
                "severity": f.level.value,
                "message": f.message,
            }
            for f in findings
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(findings: list[Finding]) -> str:
    """One workflow command per finding: ``::error file=F,line=L,col=C,title=RULE::message``."""
    lines = []
    for f in findings:
        kind = "error" if f.level == Severity.ERROR else "warning"
        props = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", f.path),
                ("line", f.line),
                ("col", f.col),
                ("title", f.rule),
            )
        )
        lines.append(f"::{kind} {props}::{_escape_data(f.message)}")
    return "\n".join(lines)


def to_sarif(findings: list[Finding]) -> str:
    """A SARIF 2.1.0 log with every rule the tool knows (stable ids) and one result per finding."""
    rule_ids = list(RULES)
    rules = [
        {
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": rule.summary},
            "defaultConfiguration": {
                "level": "error" if rule.severity == Severity.ERROR else "warning"
            },
        }
        for rule in RULES.values()
    ]
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": rule_ids.index(f.rule),
            "level": "error" if f.level == Severity.ERROR else "warning",
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path.replace("\\", "/")},
                        "region": {"startLine": f.line, "startColumn": f.col},
                    }
                }
            ],
        }
        for f in findings
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sme-assess",
                        "version": __version__,
                        "informationUri": TOOL_URI,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
