#!/usr/bin/env python3
"""Checks docs/slack-app-manifest.yaml against what adapters/slack handles, without Slack.

    slack_manifest.py --source DIR

- the file parses as YAML and has the sections of a Slack app manifest;
- the request URLs end in the adapter's paths (/slack/events, /slack/commands,
  /slack/interactions), and interactivity is on (the answers' feedback buttons);
- the bot events are exactly the ones the adapter answers (app_mention, and message with
  channel_type im, which Slack sends for the message.im subscription);
- every event's scope, chat:write for chat.postMessage and commands for the slash command are
  requested, and nothing more;
- the slash command is the one docs/slack.md tells people to use, and docs/slack.md points to
  the manifest and says to invite the bot to a channel.

Exit 0: all good; 1: problems, each printed; 77: PyYAML is missing (CTest counts it skipped).
"""
import argparse
import os
import re
import sys

try:
    import yaml
except ImportError:  # Debian: python3-yaml
    print("slack_manifest: PyYAML is not installed (Debian package python3-yaml): skipped", file=sys.stderr)
    sys.exit(77)

MANIFEST = os.path.join("docs", "slack-app-manifest.yaml")
# The scope each subscribable event needs (api.slack.com/events).
EVENT_SCOPES = {"app_mention": "app_mentions:read", "message.im": "im:history"}


def read(source, *path):
    with open(os.path.join(source, *path), encoding="utf-8") as f:
        return f.read()


def handled_paths(source):
    """The paths the Slack HTTP handler claims, from its constants."""
    text = read(source, "adapters", "slack", "slack_http_handler.cpp")
    return {
        "events": re.search(r'kEventsPath = "([^"]+)"', text).group(1),
        "commands": re.search(r'kCommandsPath = "([^"]+)"', text).group(1),
        "interactions": re.search(r'kInteractionsPath = "([^"]+)"', text).group(1),
    }


def handled_events(source):
    """The Events API subscriptions whose events the bot answers, read from slack_bot.cpp."""
    text = read(source, "adapters", "slack", "slack_bot.cpp")
    events = set()
    if re.search(r'event_type == "app_mention"', text):
        events.add("app_mention")
    # A "message" event with channel_type "im" is what the message.im subscription delivers.
    if re.search(r'event_type == "message" && field\(event, "channel_type"\) == "im"', text):
        events.add("message.im")
    return events


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    source = parser.parse_args().source
    problems = []

    def check(condition, message):
        if not condition:
            problems.append(message)

    with open(os.path.join(source, MANIFEST), encoding="utf-8") as f:
        manifest = yaml.safe_load(f)
    for section in ("display_information", "features", "oauth_config", "settings"):
        check(isinstance(manifest.get(section), dict), f"{MANIFEST}: no {section} section")
    if problems:
        print("\n".join(problems))
        return 1

    paths = handled_paths(source)
    events = handled_events(source)
    check(events == {"app_mention", "message.im"}, f"slack_bot.cpp answers {sorted(events)}: update this check")
    subscription = manifest["settings"].get("event_subscriptions", {})
    check(set(subscription.get("bot_events", [])) == events,
          f"{MANIFEST}: bot_events {subscription.get('bot_events')} are not what the adapter answers: {sorted(events)}")
    check(str(subscription.get("request_url", "")).endswith(paths["events"]),
          f"{MANIFEST}: the event request_url does not end in {paths['events']}")

    interactivity = manifest["settings"].get("interactivity", {})
    check(interactivity.get("is_enabled") is True,
          f"{MANIFEST}: interactivity must be on, or clicks on the answers' feedback buttons never arrive")
    check(str(interactivity.get("request_url", "")).endswith(paths["interactions"]),
          f"{MANIFEST}: the interactivity request_url does not end in {paths['interactions']}")

    commands = manifest["features"].get("slash_commands", [])
    check(len(commands) == 1, f"{MANIFEST}: expected one slash command, found {len(commands)}")
    command = commands[0] if commands else {}
    check(str(command.get("url", "")).endswith(paths["commands"]),
          f"{MANIFEST}: the slash command's url does not end in {paths['commands']}")
    check(command.get("should_escape") is False,
          f"{MANIFEST}: should_escape must be false: the adapter reads the question as typed")
    check(len(command.get("description", "")) > 0, f"{MANIFEST}: the slash command needs a description")

    scopes = set(manifest["oauth_config"].get("scopes", {}).get("bot", []))
    needed = {EVENT_SCOPES[event] for event in events} | {"commands"}
    if "chat.postMessage" in read(source, "adapters", "slack", "slack_bot.cpp") + read(
            source, "adapters", "slack", "web_api_client.cpp"):
        needed.add("chat:write")
    check(scopes == needed, f"{MANIFEST}: bot scopes {sorted(scopes)}, the adapter needs exactly {sorted(needed)}")
    check(manifest["features"].get("app_home", {}).get("messages_tab_enabled") is True,
          f"{MANIFEST}: the Messages tab must be on, or people cannot write to the bot directly")
    check(manifest["settings"].get("socket_mode_enabled") is False,
          f"{MANIFEST}: the shipped manifest is the HTTP one; Socket Mode is described in its comments")

    guide = read(source, "docs", "slack.md")
    check(command.get("command") and f"`{command.get('command')}" in guide,
          f"docs/slack.md does not tell people to use {command.get('command')}")
    check("slack-app-manifest.yaml" in guide, "docs/slack.md does not point to the manifest")
    check("/invite @" in guide, "docs/slack.md does not say to invite the bot to a channel (/invite @...)")

    if problems:
        print("\n".join(problems))
        return 1
    print(f"slack_manifest: {MANIFEST} matches adapters/slack")
    return 0


if __name__ == "__main__":
    sys.exit(main())
