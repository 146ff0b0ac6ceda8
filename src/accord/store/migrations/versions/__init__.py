"""One module per schema revision (see ``accord.store.migrations``)."""
