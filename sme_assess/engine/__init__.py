"""The engine: answers in, scores, pain points, the plan and estimates out (pure functions)."""
