"""Built-in readers (bytes -> Documents), registered by name."""
from loaders.readers import text  # noqa: F401
