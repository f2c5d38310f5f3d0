from __future__ import annotations


def watch_content_security_policy(page) -> list[str]:
    """What the page's Content-Security-Policy refused, as Chromium reports it on the console.

    Every browser test runs under the site's real policy; anything it blocks (an inline script
    or style, eval) fails the test that met it.
    """
    refused: list[str] = []

    def console(message) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", console)
    return refused
