"""Chat models: one small interface (`ChatModel`), local and remote backends, model packs."""
