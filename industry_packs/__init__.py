"""Built-in know-how packs (data only: YAML files and templates, shipped in the wheel)."""
