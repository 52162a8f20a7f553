"""The interactive walk (`sme-assess run`): prompts, drafts saved after every answer, resume."""
