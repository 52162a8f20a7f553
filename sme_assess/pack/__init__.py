"""The pack: its file format read with positions, loading, validation, conditions, versions."""
