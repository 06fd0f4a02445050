import json

from django.core.management import call_command


def test_collectstatic_makes_hashed_and_compressed_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["portal/css/portal.css"]
    assert hashed != "portal/css/portal.css"
    assert (tmp_path / hashed).exists()
    assert (tmp_path / (hashed + ".gz")).exists()
