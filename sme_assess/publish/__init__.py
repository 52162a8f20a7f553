"""Publishing a questionnaire pack to survey platforms (XLSForm, 问卷星 text import), so that
what the platform exports reads back with `sme-assess batch` and no mapping file."""
