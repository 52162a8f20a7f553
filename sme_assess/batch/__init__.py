"""Batch scoring for consultants: many answers files and survey exports, on all cores.

``run.run_batch`` scores and writes the outputs, ``check.check_mapping`` shows how survey
columns and values map to the pack, ``work.score_one`` is the pure per-respondent step.
"""
