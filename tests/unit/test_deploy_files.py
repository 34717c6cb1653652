"""The deployment files (deploy/) parse, and every command they run is one Pacer has.

YAML is parsed (Kubernetes manifests, Helm values), systemd units are read as INI, and
each `pacer ...` command line in them goes through Pacer's own argument parser, so a
renamed or invented subcommand fails here rather than on a clinic server.
"""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import pytest
import yaml

from bot import cli, training
from bot.processes import lock_store_config

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "kubernetes"
SYSTEMD = DEPLOY / "systemd"
SECRET_KEYS = {"DATABASE_URL", "RASA_TOKEN", "PACER_SECRET_KEY", "SMTP_PASSWORD", "TELEGRAM_BOT_TOKEN",
               "TELEGRAM_SECRET_TOKEN", "TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "PACER_ACTION_TOKEN",
               "PACER_REST_TOKEN"}


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (DEPLOY / "pacer.env.example").read_text().splitlines():
        line = line.strip().removeprefix("# ")
        match = re.fullmatch(r"([A-Z][A-Z0-9_]*)=(.*)", line)
        if match:
            pairs[match[1]] = match[2]
    return pairs


def check_command(argv: list[str]) -> None:
    """`argv` is a command Pacer has: its CLI parses it, or it runs a module that exists."""
    if argv[:3] == ["python", "-m", "bot.cli"]:
        argv = ["pacer", *argv[3:]]
    if Path(argv[0]).name == "pacer":
        args = cli.build_parser().parse_args(argv[1:])
        assert callable(args.func)
    elif Path(argv[0]).name == "python" and argv[1] == "-m":
        assert argv[2] in {"rasa", "bot.action_server"}, argv
        if argv[2] == "bot.action_server":  # rasa-sdk behind Pacer's token check
            from bot.action_server import build_parser

            assert build_parser().parse_args(argv[3:]).actions == "actions"
        else:
            assert argv[3] == "run"
            for flag, path in (("--endpoints", "endpoints.yml"), ("--credentials", "credentials.yml")):
                assert argv[argv.index(flag) + 1] == path and (ROOT / path).is_file()
            model = argv[argv.index("--model") + 1]
            assert ROOT / model == training.model_path(), model
            assert "--auth-token" in argv and "--enable-api" in argv
    else:
        raise AssertionError(f"unknown command {argv}")


def manifests() -> list[dict]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name in {"rasa-values.yaml", "kustomization.yaml"}:
            continue
        docs += [(path.name, doc) for doc in yaml.safe_load_all(path.read_text()) if doc]
    return docs


def containers(doc: dict) -> list[dict]:
    spec = doc["spec"]
    if doc["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return spec["template"]["spec"]["containers"]


def test_every_kubernetes_manifest_parses_and_is_listed_in_the_kustomization() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    listed = set(kustomization["resources"])
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"rasa-values.yaml", "kustomization.yaml"}
    assert listed == on_disk
    kinds = set()
    for name, doc in manifests():
        assert {"apiVersion", "kind", "metadata"} <= doc.keys(), name
        assert re.fullmatch(r"pacer(-[a-z-]+)?", doc["metadata"]["name"]), name
        kinds.add(doc["kind"])
    assert {"Deployment", "Service", "Job", "CronJob", "ConfigMap", "Ingress"} <= kinds


def test_kubernetes_containers_run_pacer_commands_with_secrets_from_the_secret() -> None:
    names = set()
    config = next(doc for _, doc in manifests() if doc["kind"] == "ConfigMap")
    assert not SECRET_KEYS & config["data"].keys(), "secrets belong in the Secret, not the ConfigMap"
    for name, doc in manifests():
        if doc["kind"] not in {"Deployment", "Job", "CronJob"}:
            continue
        for container in containers(doc):
            names.add(doc["metadata"]["name"])
            check_command(container["command"])
            assert {"secretRef": {"name": "pacer-secrets"}} in container["envFrom"], name
            assert {"configMapRef": {"name": "pacer-config"}} in container["envFrom"], name
            assert "env" not in container or all("value" not in e for e in container["env"]
                                                 if e["name"] in SECRET_KEYS), name
            assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert {"pacer-actions", "pacer-web", "pacer-scheduler", "pacer-migrate"} <= names
    scheduler = next(doc for _, doc in manifests() if doc["metadata"]["name"] == "pacer-scheduler")
    assert scheduler["spec"]["replicas"] == 2  # one leads (bot/scheduler/leader.py)


def test_rasa_helm_values_say_what_the_project_files_say() -> None:
    values = yaml.safe_load((K8S / "rasa-values.yaml").read_text())
    argv = values["command"] + values["args"]
    check_command(argv)
    assert argv[argv.index("--auth-token") + 1] == "$(PACER_RASA_TOKEN)"
    settings = values["applicationSettings"]
    assert settings["telemetry"]["enabled"] is False
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    rendered = settings["credentials"]["additionalChannelCredentials"]
    assert rendered.keys() == credentials.keys()
    for channel, options in credentials.items():
        assert (rendered[channel] or {}) == (options or {}), channel
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    extra = settings["endpoints"]["additionalEndpoints"]
    assert extra["tracker_store"] == endpoints["tracker_store"]
    assert extra["action_endpoint"] == endpoints["action_endpoint"]
    generated = lock_store_config("redis://:secret@pacer-redis:6379/0")
    assert extra["lock_store"].keys() == generated.keys()  # the same settings as REDIS_URL gives
    assert extra["lock_store"]["type"] == "redis" and extra["lock_store"]["key_prefix"] == "pacer"
    assert settings["endpoints"]["trackerStore"]["enabled"] is False
    env = {item["name"]: item for item in values["extraEnv"]}
    for name in ("PACER_RASA_TOKEN", "DATABASE_URL", "PACER_ACTION_TOKEN"):
        assert env[name]["valueFrom"]["secretKeyRef"]["name"] == "pacer-secrets"
    assert values["postgresql"]["install"] is False and values["replicaCount"] == 2
    for name in ("REDIS_URL", "REDIS_PASSWORD"):
        assert env[name]["valueFrom"]["secretKeyRef"]["name"] == "pacer-secrets"


def units() -> dict[str, configparser.ConfigParser]:
    parsed = {}
    for path in sorted(SYSTEMD.iterdir()):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str  # systemd keys are case-sensitive
        parser.read_string(path.read_text())
        parsed[path.name] = parser
    return parsed


def test_systemd_units_parse_read_the_environment_file_and_run_pacer_commands() -> None:
    found = units()
    example = env_example()
    services = {name for name in found if name.endswith(".service")}
    assert {"pacer-rasa.service", "pacer-actions.service", "pacer-web.service",
            "pacer-scheduler.service", "pacer-migrate.service"} <= services
    for name in services:
        service = found[name]["Service"]
        assert service["EnvironmentFile"] == "/etc/pacer/pacer.env", name
        assert service["User"] == "pacer", name
        assert service["UMask"] == "0077", name  # database, backups and logs: owner only
        command = service["ExecStart"].replace("\\\n", " ")
        expanded = re.sub(r"\$\{([A-Z_]+)\}", lambda m: example[m[1]], command)
        argv = shlex.split(expanded)
        assert argv[0].startswith("/opt/pacer/.venv/bin/"), name
        check_command([Path(argv[0]).name, *argv[1:]])
    for name in (n for n in found if n.endswith(".timer")):
        assert name.replace(".timer", ".service") in services
        assert found[name]["Timer"].get("OnCalendar")
    # Repeated keys add up in systemd (configparser keeps only the last): read them all.
    target = (SYSTEMD / "pacer.target").read_text()
    wanted = " ".join(re.findall(r"^Wants=(.*)$", target, flags=re.MULTILINE)).split()
    assert set(wanted) == {n for n in found if n != "pacer.target" and (
        n.endswith(".timer") or n.replace(".service", ".timer") not in found)}


def test_procfile_runs_one_of_each_process() -> None:
    example = env_example()
    processes = {}
    for line in (DEPLOY / "Procfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, command = line.split(":", 1)
            expanded = re.sub(r"\$\{?([A-Z_]+)(:-[^}]*)?\}?", lambda m: example[m[1]], command)
            check_command(shlex.split(expanded))
            processes[name] = command
    assert set(processes) == {"rasa", "actions", "web", "scheduler"}
    assert "--interface" in processes["rasa"]  # internal services bind loopback by default


@pytest.mark.parametrize("key", ["DATABASE_URL", "RASA_TOKEN", "PACER_SECRET_KEY", "PACER_ACTION_TOKEN"])
def test_environment_example_names_the_secrets_without_values(key: str) -> None:
    value = env_example()[key]
    assert "CHANGE-ME" in value


def test_dockerfile_copies_what_the_image_runs_and_only_what_exists() -> None:
    sources = []
    for line in (DEPLOY / "Dockerfile").read_text().splitlines():
        words = line.split()
        if words and words[0].upper() in {"COPY", "ADD"} and not any(w.startswith("--from") for w in words):
            sources += [word for word in words[1:-1] if not word.startswith("--")]
    for source in sources:
        assert (ROOT / source).exists(), source
    copied = {source.rstrip("/") for source in sources}
    needed = {"pyproject.toml", "bot", "actions", "domain", "data", "config.yml", "endpoints.yml"}
    assert needed <= copied, needed - copied


def test_only_rasa_may_reach_the_action_server() -> None:
    policy = next(doc for _, doc in manifests() if doc["kind"] == "NetworkPolicy")
    assert policy["spec"]["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "pacer-actions"}
    sources = [peer["podSelector"]["matchLabels"]
               for rule in policy["spec"]["ingress"] for peer in rule["from"]]
    assert sources == [{"app.kubernetes.io/name": "rasa"}]


def test_nginx_access_log_has_no_query_strings() -> None:
    template = (DEPLOY / "nginx" / "pacer.conf.template").read_text()
    log_format = template.split("log_format pacer", 1)[1].split(";", 1)[0]
    assert "$uri" in log_format and "$request " not in log_format and "$request_uri" not in log_format
    assert "$args" not in log_format and "$query_string" not in log_format
    assert re.search(r"access_log \S+ pacer\b", template)
