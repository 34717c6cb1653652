"""The public face of the replica profile (nginx): the REST channel needs its token, a
retried message_id is answered once from either replica, Rasa's API is not public."""

from __future__ import annotations

import uuid

import httpx
import pytest

from bench.ledger import user_events_by_message_id
from bot.cluster import Cluster
from bot.store.db import get_engine

pytestmark = pytest.mark.slow


def test_rest_through_nginx_token_replay_and_closed_api(cluster: Cluster) -> None:
    url = f"{cluster.public_url}/webhooks/rest/webhook"
    sender, key = f"rest:{uuid.uuid4().hex[:8]}", f"key-{uuid.uuid4().hex}"
    body = {"sender": sender, "message": "hello", "metadata": {"message_id": key}}
    auth = {"Authorization": f"Bearer {cluster.rest_token}"}

    assert httpx.post(url, json=body, timeout=60).status_code == 401
    wrong = {"Authorization": "Bearer wrong"}
    assert httpx.post(url, json=body, headers=wrong, timeout=60).status_code == 401
    first = httpx.post(url, json=body, headers=auth, timeout=60)
    assert first.status_code == 200 and first.json() and "X-Pacer-Replayed" not in first.headers
    # The same message again, straight to each replica: answered from the store, not processed.
    for port in cluster.rasa_ports:
        again = httpx.post(f"http://127.0.0.1:{port}/webhooks/rest/webhook", json=body, headers=auth,
                           timeout=60)
        assert again.status_code == 200 and again.headers.get("X-Pacer-Replayed") == "1"
        assert again.json() == first.json()
    assert user_events_by_message_id(get_engine(cluster.database_url), sender)[key] == 1
    stolen = {**body, "sender": f"other-{sender}"}
    assert httpx.post(url, json=stolen, headers=auth, timeout=60).status_code == 409

    for path in (f"/conversations/{sender}/tracker", "/model/parse", "/status", "/version"):
        assert httpx.get(f"{cluster.public_url}{path}", timeout=30).status_code == 404, path
    assert httpx.get(f"{cluster.public_url}/healthz", timeout=30).status_code == 200
    polling = httpx.get(f"{cluster.public_url}/socket.io/?EIO=4&transport=polling", timeout=30)
    assert polling.status_code == 200
