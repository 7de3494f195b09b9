"""Know-how packs: model, loading with positions, inheritance, JSON Schema."""
