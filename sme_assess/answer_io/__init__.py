"""Reading and writing answers: the tool's own JSON/YAML files (and survey exports, later)."""
