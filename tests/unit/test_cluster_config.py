"""The replica profile's generated configuration: Rasa's Redis lock store and nginx."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from bot import processes
from bot.cluster import fill, render_nginx


def test_lock_store_only_with_redis_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert processes.endpoints_file().name == "endpoints.yml"
    path = processes.endpoints_file("redis://:s3cr%40t@10.0.0.5:6380/2")
    config = yaml.safe_load(path.read_text())
    assert config["lock_store"] == {"type": "redis", "url": "10.0.0.5", "port": 6380, "db": 2,
                                    "key_prefix": "pacer", "password": "s3cr@t"}
    assert config["tracker_store"]["type"] == "bot.store.tracker_store.PacerTrackerStore"
    assert config["action_endpoint"]["url"] == "${ACTION_ENDPOINT}"  # Rasa substitutes it
    assert path.stat().st_mode & 0o077 == 0


def test_fill_leaves_nginx_variables_and_refuses_gaps() -> None:
    assert fill("listen ${port}; set $x $remote_addr;", port=80) == "listen 80; set $x $remote_addr;"
    with pytest.raises(KeyError):
        fill("${a} ${b}", a=1)


def render(tmp_path: Path, rest_open: bool) -> str:
    return render_nginx([5101, 5102], [5201, 5202], 8001, 8080, 8081, 8082, tmp_path, tmp_path, rest_open)


def test_nginx_routes_patients_only_to_webhooks_socketio_and_web(tmp_path: Path) -> None:
    conf = render(tmp_path, rest_open=False)
    assert "server 127.0.0.1:5101" in conf and "server 127.0.0.1:5102" in conf
    public = conf.split("# Public:")[1].split("# Internal:")[0]
    assert "location /socket.io/" in public and "proxy_pass http://rasa_sticky;" in public
    rest = public.split("location = /webhooks/rest/webhook")[1].split("}")[0]
    assert "return 404;" in rest  # no token configured: REST closed publicly
    assert "(conversations|model|status|version|domain)" in public
    opened = render(tmp_path, rest_open=True).split("location = /webhooks/rest/webhook")[1]
    assert "return 404;" not in opened.split("}")[0]  # a token: the channel checks it


@pytest.mark.skipif(not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()), reason="no nginx")
def test_nginx_accepts_the_rendered_config(tmp_path: Path) -> None:
    conf = tmp_path / "nginx.conf"
    conf.write_text(render(tmp_path, rest_open=True))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
