"""The YAML content store: schema, loader with located diagnostics, catalog."""

from briefing_builder.store.catalog import Catalog, Origin
from briefing_builder.store.diagnostics import Diagnostic, Severity
from briefing_builder.store.loader import StoreNotFound, is_store, load_pack_file, load_store

__all__ = ["Catalog", "Diagnostic", "Origin", "Severity", "StoreNotFound", "is_store", "load_pack_file",
           "load_store"]
