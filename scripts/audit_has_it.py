"""Audit: plans that tell a firm to buy or build what its answers say it has, or partly has.

Builds answer sets from the personas in tests/fixtures/personas and the firms in
tests/fixtures/firms (written to check the plans of firms that are not personas), flips the
answers that say a firm has a thing (a system ticked in daily use at every coverage, a tool
ticked, a rung or an answer that is the thing), evaluates each (plain plan and the path to
levels 3 and 4) with the built-in pack, and lists every planned solution that the flip says the
firm has ("has") or has in part ("partly": its summary must then say what to do with what the
firm has). A "has" hit is a confident wrong answer; a "partly" hit is listed with whether the
solution's summary names the thing the firm has.

    .venv/bin/python scripts/audit_has_it.py [--pack questionnaires/manufacturing-sme] [-v]
    .venv/bin/python scripts/audit_has_it.py --against OLD_PACK_DIR [--firms 600] [--expect A,B]

Exit 1 when a "has" hit is found, 0 otherwise. With --against, it compares instead the plans
and target paths of synthetic firms (sme_assess.synthetic) under an older copy of the pack
(e.g. `git archive HEAD questionnaires/manufacturing-sme | tar -x -C /tmp/old`), lists how
often each solution moved (phase before -> after) and exits 1 when a plan changed without any
of the solutions the change means to move moving in it (`--expect SOLUTION,...`, else the line
of ``INTENDED`` for the new catalogue's version; exit 2 when there is none). Both packs run on
this checkout's engine, so an engine change (catalogue 1.9.0's budget order) shows in neither.

Not part of the test suite: tests/e2e/test_plan_has_it.py and tests/e2e/test_firms.py pin
each fixed case.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from sme_assess.answer_io.native import load_answers
from sme_assess.engine.evaluation import Options, evaluate
from sme_assess.models.common import text_for
from sme_assess.pack.loading import load_pack

ROOT = Path(__file__).resolve().parent.parent

# flip name -> (answers to set, solutions the firm then has, solutions it then has in part with
# the words that the summary must carry, en and zh, to tell it to use what it has)
Flip = tuple[dict[str, Any], set[str], dict[str, tuple[str, str]]]

SYSTEM: dict[str, tuple[set[str], dict[str, tuple[str, str]]]] = {
    "erp": (
        {"cloud_erp", "inventory_app"},
        {
            "management_dashboard": ("report or BI module", "自带报表"),
            # catalogue 1.4.0: the bundle takes orders and items from the ERP, stock kept once
            "light_production_saas": ("takes the orders and items from the ERP", "从ERP取订单"),
        },
    ),
    "inventory": ({"inventory_app"}, {"cloud_erp": ("stock", "进销存")}),
    "wms": ({"wms_handheld"}, {}),
    "plm": ({"plm_pdm", "drawing_library"}, {"capp_process_docs": ("PLM", "PLM")}),
    "crm": (
        {"cloud_crm"},
        {"service_ticketing": ("CRM", "CRM"), "quoting_tool": ("CRM", "CRM")},
    ),
    "qms": (
        {"digital_inspection"},
        {"gmp_quality_systems": ("QMS", "QMS"), "haccp_cold_chain": ("QMS", "QMS")},
    ),
    "lims": ({"digital_inspection"}, {"gmp_quality_systems": ("LIMS", "LIMS")}),
    "eam": ({"cmms_tickets"}, {}),
    "oa": (
        {"collab_office"},
        {"paper_to_online_forms": ("OA", "OA"), "hr_attendance_skills": ("WeCom", "企业微信")},
    ),
    "aps": ({"aps_scheduling", "production_plan_board"}, {}),
    "srm": ({"supplier_portal"}, {}),
    "scada": (
        {"machine_monitoring_pilot"},
        {
            "machine_data_gateway": ("SCADA", "SCADA"),
            "oee_dashboard": ("SCADA", "SCADA"),
            "dyehouse_central_control": ("SCADA", "SCADA"),
        },
    ),
    "cad_cam": (
        set(),
        {
            "cad_3d": ("already design in 3D", "已经在用三维设计"),
            "cnc_program_tools": ("CAM", "CAM"),
            "furniture_order_loop": ("cut-list software", "拆单软件"),
        },
    ),
    "finance": ({"cloud_finance_einvoice"}, {}),
}

# a shop-floor system at each coverage: whatever the coverage, no second shop-floor system
SHOPFLOOR = {"mes_lite", "light_production_saas"}
SHOPFLOOR_APP = {"scan_reporting"}
MODULES = {"digital_inspection", "cmms_tickets", "production_plan_board", "inventory_app"}

OTHER: dict[str, Flip] = {
    "supplier_portal_answer": ({"supplier_collab": "portal"}, {"supplier_portal"}, {}),
    "online_monitor": ({"env_monitoring": "online_monitor"}, {"emission_monitoring"}, {}),
    "hr_system": ({"sc_hr": "l2"}, {"hr_attendance_skills"}, {}),
    "crm_rung": ({"sc_marketing": "l2"}, {"cloud_crm"}, {}),
    "finance_rung": ({"sc_finance": "l2"}, {"cloud_finance_einvoice", "finance_modules"}, {}),
    "equipment_rung": ({"sc_equipment_management": "l2"}, {"cmms_tickets"}, {}),
    "safety_rung": ({"sc_production_safety": "l2"}, {"safety_hazard_app"}, {}),
    "design_rung": ({"sc_product_design": "l2"}, {"drawing_library", "plm_pdm", "cad_3d"}, {}),
    "after_sales_rung": ({"sc_after_sales": "l2"}, {"service_ticketing"}, {}),
    "scan_reporting": ({"work_reporting": "scan"}, {"scan_reporting"}, {}),
    "design_software": (
        {"sc_product_design": "l1"},
        set(),
        {"cad_3d": ("already design in 3D", "已经在用三维设计")},
    ),
    "planner_spreadsheet": (
        {"sc_planning_scheduling": "l1"},
        set(),
        {"production_plan_board": ("spreadsheet", "Excel")},
    ),
    # an energy management system (energy rung 2): the dashboard is its own (catalogue 1.4.0)
    "energy_system": (
        {"sc_energy": "l2"},
        set(),
        {"energy_dashboard": ("energy management system", "能源管理系统")},
    ),
    # a plant whose energy is under 3 % of its cost is not sold rooftop solar (catalogue 1.4.0)
    "energy_small_share": ({"energy_share": "lt_3"}, {"rooftop_pv_ems"}, {}),
    # catalogue 1.5.0: an EAM planning maintenance keeps the moulds of a moulding plant; the
    # workshops metered: sub-metering adds the lines only; energy under 3 % of cost and an
    # owner who did not name energy: no sub-metering, no rooftop solar
    "eam_rung": (
        {"systems_in_use": ["eam", "erp"], "sc_equipment_management": "l2"},
        {"mould_management", "cmms_tickets"},
        {},
    ),
    "workshop_meters": (
        {"energy_cost": "by_workshop"},
        set(),
        {"energy_submetering": ("Workshops with meters keep those meters", "车间已有分表")},
    ),
    "small_share_energy_not_named": (
        {"energy_cost": "by_workshop", "energy_share": "lt_3", "priorities": ["production"]},
        {"energy_submetering", "rooftop_pv_ems"},
        {},
    ),
    # catalogue 1.10.0: a PCB plant whose bath analyses are in a LIMS; a foundry whose
    # furnace data reach a SCADA; the steam meters are not for energy under 3 % of cost
    "lims_wet_lines": (
        {
            "systems_in_use": ["erp", "lims"],
            "company_sector": "electronics",
            "production_type": "mixed",
            "permit_monitoring": "online",
        },
        {"bath_chemistry_control"},
        {},
    ),
    "furnace_scada": (
        {
            "systems_in_use": ["erp", "scada"],
            "auto_data_collection": ["process_data", "energy_use"],
            "company_sector": "metal_products",
            "energy_share": "gt_15",
        },
        {"furnace_heat_records"},
        {},
    ),
    "steam_small_share": (
        {"company_sector": "chemicals", "production_type": "process", "energy_share": "lt_3"},
        {"steam_gas_metering"},
        {},
    ),
    # pack 1.7.0: a plant that says it runs none of the listed processes and rooms is never
    # sold bath records, furnace records or safety monitoring for them; one that says its
    # app is linked to the ERP is not sold the link
    "no_special_processes": (
        {"plant_processes": ["none"]},
        {"bath_chemistry_control", "furnace_heat_records", "safety_monitoring"},
        {},
    ),
    "app_linked": (
        {
            "systems_in_use": ["erp", "work_order_app"],
            "mes_coverage": "main",
            "erp_shopfloor_data": "interface",
        },
        {"work_order_app_link", "mes_lite"},
        # the one-SaaS bundle may stay for an app in the main workshops (its modules)
        {"light_production_saas": ("work-order app", "小工单类SaaS")},
    ),
    "integrated": ({"data_integration": "interfaces"}, {"system_integration"}, {}),
    "platform": ({"data_integration": "platform"}, {"data_platform"}, {}),
}


def _with_system(answers: dict[str, Any], system: str) -> dict[str, Any]:
    ticked = [s for s in answers.get("systems_in_use") or [] if s != "none"]
    return {**answers, "systems_in_use": sorted({*ticked, system})}


def flips(answers: dict[str, Any]) -> dict[str, Flip]:
    out: dict[str, Flip] = {}
    for system, (has, partly) in SYSTEM.items():
        out[f"system:{system}"] = (_with_system(answers, system), has, partly)
    for system in ("mes", "work_order_app"):
        for cov in ("idle", "pilot", "main", "all", None):
            a = _with_system(answers, system)
            a.pop("mes_coverage", None)
            if cov is not None:
                a["mes_coverage"] = cov
            has = set(SHOPFLOOR) | (SHOPFLOOR_APP if system == "work_order_app" else set())
            # an MES or a work-order app may have these modules: the summary must say so
            partly = {sid: ("work-order app", "小工单类SaaS") for sid in MODULES}
            partly["scan_reporting"] = ("MES", "MES")
            partly["mould_management"] = ("MES", "MES")
            partly["oee_dashboard"] = ("MES", "MES")
            partly["smt_traceability"] = ("MES", "MES")
            if system == "work_order_app" and cov in ("main", "all", None):
                # an app in the main workshops has its modules switched on (the one-SaaS
                # bundle says so) and is linked to the ERP by its own step (catalogue 1.11.0:
                # never MES-lite, a new system); its coverage unanswered, MES-lite may stay
                # and says to link the app instead
                has -= {"light_production_saas"}
                partly["light_production_saas"] = ("work-order app", "小工单类SaaS")
                if cov is None:
                    has -= {"mes_lite"}
                    partly["mes_lite"] = ("work-order app", "小工单类SaaS")
            out[f"system:{system}@{cov or 'unanswered'}"] = (a, has, partly)
    # the sector-specific ones where the personas lack the sector
    for system in ("qms", "lims"):
        a = _with_system(answers, system)
        a.update(company_sector="pharma_medical", regulated_by=["gmp"], production_type="process")
        out[f"system:{system}@pharma"] = (a, *SYSTEM[system])
    a = _with_system(answers, "qms")
    a.update(company_sector="food_beverage", regulated_by=["haccp"], production_type="process")
    out["system:qms@food"] = (a, *SYSTEM["qms"])
    a = _with_system(answers, "cad_cam")
    a.update(company_sector="furniture_wood")
    out["system:cad_cam@furniture"] = (a, *SYSTEM["cad_cam"])
    for cov in ("pilot", "main"):
        a = _with_system(answers, "mes")
        a.update(company_sector="plastics_rubber", mes_coverage=cov)
        out[f"system:mes@{cov}@moulding"] = (
            a,
            set(SHOPFLOOR),
            {"mould_management": ("MES", "MES")},
        )
    a = _with_system(answers, "scada")
    a.update(company_sector="textiles_apparel", production_type="process")
    out["system:scada@dyehouse"] = (a, *SYSTEM["scada"])
    for name, (change, has, partly) in OTHER.items():
        out[name] = ({**answers, **change}, has, partly)
    return out


# What each catalogue version's change means to move (the solutions whose place in a plan it
# changes on purpose): ``--against`` without ``--expect`` checks the new copy's version by it.
# A plan that changes only around them (the room a step leaves, filled) is intended; one
# where none of them moved is not. Add the line for a new catalogue version with its change.
INTENDED: dict[str, frozenset[str]] = {
    # 1.9.0: rooftop solar waits for a year of the meters the plan installs (needs_history);
    # the kiln step is not for "other" plants that are not process plants; the mould and die
    # steps reach plants that tick moulds or dies in any sector, and metal extrusion dies;
    # cleanroom monitoring is new for GMP and ISO 13485 plants in pharma and medical devices
    "1.9.0": frozenset(
        {
            "rooftop_pv_ems",
            "kiln_combustion",
            "mould_management",
            "quick_die_change",
            "die_tryout_records",
            "cleanroom_monitoring",
        }
    ),
    # 1.10.0: a quick win dearer than a quarter of the first year's budget starts in "next"
    # (quick_win_share: the steps it demotes, the small ones that take their place); a step
    # for plating and etching baths and one for furnace records are new; safety monitoring
    # and batch traceability are pointed at by the answers; no steam meters where energy is
    # under 3 % of cost
    "1.10.0": frozenset(
        {
            "bath_chemistry_control",
            "furnace_heat_records",
            "safety_monitoring",
            "batch_traceability",
            "steam_gas_metering",
            "energy_submetering",
            "barcode_labels",
            "light_production_saas",
            "mould_management",
            "haccp_cold_chain",
            "security_basics",
        }
    ),
    "1.11.0": frozenset(
        {
            # pack 1.7.0's plant_processes decides the bath and furnace records and safety
            # monitoring where answered; a work-order app in the main workshops is linked to the
            # ERP (work_order_app_link) instead of MES-lite, the wider integration after the link
            "bath_chemistry_control",
            "furnace_heat_records",
            "safety_monitoring",
            "work_order_app_link",
            "mes_lite",
            "system_integration",
        }
    ),
}


# Catalogue versions whose change moves steps out of "now" by a rule (1.10.0: a quick win
# dearer than a quarter of the first year's budget): any step leaving "now" is intended.
LEAVES_NOW: frozenset[str] = frozenset({"1.10.0"})

Plan = tuple[tuple[tuple[str, str], ...], tuple[str, ...]]


def _moves(old: Plan, new: Plan) -> set[tuple[str, str, str]]:
    """(solution, where before, where after) for every solution placed otherwise: its phase,
    "-" when not in the plan, with "+path" when on the target path too (or "path" alone)."""

    def places(plan: Plan) -> dict[str, str]:
        where = dict(plan[0])
        for sid in plan[1]:
            where[sid] = f"{where[sid]}+path" if sid in where else "path"
        return where

    before, after = places(old), places(new)
    return {
        (sid, before.get(sid, "-"), after.get(sid, "-"))
        for sid in before.keys() | after.keys()
        if before.get(sid) != after.get(sid)
    }


def compare(old_dir: Path, new_dir: Path, firms: int, expect: frozenset[str] | None) -> int:
    """The plans and target paths of ``firms`` synthetic firms under both copies of the pack,
    on this checkout's engine; exit 1 when a plan changed and none of the ``expect``ed
    solutions (else the new catalogue's ``INTENDED``) moved in it, 2 when no intent is known."""
    import random

    from sme_assess.models import Answers
    from sme_assess.synthetic import random_answers

    old, new = load_pack(old_dir), load_pack(new_dir)
    version = new.catalogue.version
    if expect is None:
        expect = INTENDED.get(version)
        if expect is None:
            print(
                f"no intended change recorded for catalogue {version}: give --expect "
                "SOLUTION,... (the solutions its change means to move)",
                file=sys.stderr,
            )
            return 2
    unknown = sorted(expect - {s.id for s in new.catalogue.solutions})
    if unknown:
        print(f"--expect: no such solution in the catalogue: {', '.join(unknown)}", file=sys.stderr)
        return 2
    q = new.questionnaire
    moved: dict[tuple[str, str, str], int] = defaultdict(int)
    changed, odd = 0, 0
    for i in range(firms):
        answers = random_answers(q, random.Random(i), skip=0.1)
        doc = Answers(questionnaire=q.id, questionnaire_version=q.version, answers=answers)
        target = (None, 3, 4)[i % 3]
        sold: list[Plan] = []
        for pack in (old, new):
            ev = evaluate(pack, doc, Options(lang="en", target_level=target, lenient=True))
            plan = tuple((r.solution, r.phase) for r in ev.recommendations)
            sold.append((plan, tuple(ev.target.solutions) if ev.target else ()))
        if sold[0] == sold[1]:
            continue
        changed += 1
        moves = _moves(sold[0], sold[1])
        for move in moves:
            moved[move] += 1
        # the same steps in the same phases, in another order: intended when an expected
        # step changed its place (pointed at by the answers, it weighs more)
        shifted = {a for a, b in zip(sold[0][0], sold[1][0], strict=False) if a != b}
        if not moves and any(sid in expect for sid, _ in shifted):
            continue
        if version in LEAVES_NOW and any(
            a.startswith("now") and not b.startswith("now") for _, a, b in moves
        ):
            continue
        if not any(sid in expect for sid, _, _ in moves):
            odd += 1
            print(
                f"NOT INTENDED firm {i} target {target}: "
                + ", ".join(f"{sid} {a}->{b}" for sid, a, b in sorted(moves))
            )
    print(
        f"catalogue {old.catalogue.version} -> {version}, expected to move: "
        f"{', '.join(sorted(expect))}"
    )
    print(f"{firms} synthetic firms, {changed} plans or target paths changed, {odd} not intended")
    print("count  solution: before -> after (a phase, +path: on the target path, -: not planned)")
    for (sid, a, b), n in sorted(moved.items(), key=lambda kv: (kv[0][0] not in expect, -kv[1])):
        mark = "*" if sid in expect else " "
        print(f"{n:5} {mark} {sid}: {a} -> {b}")
    return 1 if odd else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pack", type=Path, default=ROOT / "questionnaires" / "manufacturing-sme")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every hit")
    ap.add_argument("--against", type=Path, help="an older copy of the pack: compare plans")
    ap.add_argument("--firms", type=int, default=600, help="synthetic firms for --against")
    ap.add_argument(
        "--expect",
        help="with --against: the solutions the change means to move, comma-separated "
        "(default: INTENDED for the new catalogue's version)",
    )
    args = ap.parse_args(argv)
    if args.against is not None:
        expect = (
            frozenset(x.strip() for x in args.expect.split(",") if x.strip())
            if args.expect is not None
            else None
        )
        return compare(args.against, args.pack, args.firms, expect)
    pack = load_pack(args.pack)
    by_id = {s.id: s for s in pack.catalogue.solutions}
    hits: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    # flip -> [evaluations without, with] the roll-out of the system the firm has
    rollout: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    n = 0
    fixtures = ROOT / "tests" / "fixtures"
    for path in sorted(
        [*(fixtures / "personas").glob("*.yaml"), *(fixtures / "firms").glob("*.yaml")]
    ):
        base = load_answers(path)
        base = base.model_copy(update={"questionnaire_version": pack.questionnaire.version})
        for name, (answers, has, partly) in flips(dict(base.answers)).items():
            for target in (None, 3, 4):
                n += 1
                ev = evaluate(
                    pack,
                    base.model_copy(update={"answers": answers}),
                    Options(lang="en", lenient=True, target_level=target),
                )
                planned: list[tuple[str, str]] = [(r.solution, r.phase) for r in ev.recommendations]
                if ev.target is not None:
                    planned += [(sid, f"path{target}") for sid in ev.target.solutions]
                # the firm itself may have a pilot (the furniture plant, the moulder)
                ticked = answers.get("systems_in_use") or []
                pilot = answers.get("mes_coverage") in ("idle", "pilot") and (
                    "mes" in ticked or "work_order_app" in ticked
                )
                if not pilot or "@pilot" in name or "@idle" in name:
                    rollout[name][("mes_rollout" in dict(planned))] += 1
                if args.verbose and "mes_rollout" not in dict(planned) and "@pilot" in name:
                    print(f"no roll-out: {name} {path.stem} target {target}")
                for sid, where in planned:
                    case = f"{path.stem}/{where}"
                    if sid in has:
                        hits[("has", name, sid)].append(case)
                    elif sid in partly:
                        en, zh = partly[sid]
                        s = by_id[sid].summary
                        told = en in text_for(s, "en") and zh in text_for(s, "zh")
                        kind = "partly-said" if told else "partly-unsaid"
                        hits[(kind, name, sid)].append(case)
    print(f"{n} evaluations")
    bad = 0
    said = 0
    for (kind, name, sid), cases in sorted(hits.items()):
        new = " NEW SYSTEM" if by_id[sid].new_system else ""
        bad += kind == "has"
        said += kind == "partly-said"
        if kind != "partly-said" or args.verbose:
            print(f"{kind:14} {name:32} {sid:26}{new} x{len(cases)}")
        if args.verbose:
            print("    " + ", ".join(sorted(set(cases))))
    print(f"{said} (flip, solution) pairs in part and said in the summary (-v lists them)")
    # the roll-out is offered only to a firm whose shop-floor system is on a pilot or idle
    for name, (without, with_) in sorted(rollout.items()):
        pilot = name.startswith("system:") and ("@pilot" in name or "@idle" in name)
        if with_ and not pilot:
            bad += 1
            print(f"rollout-wrong  {name:32} mes_rollout planned x{with_}")
        elif pilot:
            print(f"rollout        {name:32} planned in {with_} of {with_ + without}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
