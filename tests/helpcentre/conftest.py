"""The help centre tests share the content editor of the portal tests."""

from tests.portal.conftest import editor, editor_client  # noqa: F401
