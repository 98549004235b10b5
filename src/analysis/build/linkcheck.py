"""Opt-in online check of the URLs in sources.csv (`make check-links`); the tests never need a network."""
from __future__ import annotations

import csv
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

USER_AGENT = "uk-europe-security-databook-linkcheck/1.0"


def check_url(url: str, timeout: float = 15.0) -> tuple[str, int | None, str]:
    """(url, HTTP status or None, short note). A HEAD request, falling back to GET where HEAD is refused."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return url, response.status, "ok"
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code in (403, 405, 501):
                continue
            return url, err.code, err.reason if isinstance(err.reason, str) else str(err.reason)
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            return url, None, str(getattr(err, "reason", err))
    return url, None, "no answer"


def check_sources(sources_csv: Path, workers: int = 8) -> list[tuple[str, int | None, str]]:
    """Every source URL that does not answer 2xx or 3xx."""
    with open(sources_csv, encoding="utf-8") as fh:
        urls = sorted({row["url"] for row in csv.DictReader(fh)})
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(check_url, urls))
    return [r for r in results if r[1] is None or r[1] >= 400]
