"""Static files in production: WhiteNoise's compressed, hashed names, each looked up once."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """The manifest is read once when a process starts and never changes while it runs, so a
    name's URL is worked out once: every `{% static %}` on every page asked for it again, at
    about 20 µs a time."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str, force: bool = False) -> str:
        if force:
            return super().url(name, force)
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found
