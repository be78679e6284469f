"""Local paths or Azure Blob URLs for the snapshot and the outputs.

Blob access uses DefaultAzureCredential (managed identity in the container). The Azure packages are
imported only when a URL is given, so the CPU/local path needs neither.
"""
from __future__ import annotations

import os
import tempfile
from urllib.parse import urlsplit, urlunsplit


def is_url(location: str) -> bool:
    return location.startswith("https://") or location.startswith("http://")


def _blob_client(url: str):
    from azure.identity import DefaultAzureCredential
    from azure.storage.blob import BlobClient
    # A SAS in the URL authorises by itself; otherwise managed identity / developer credentials.
    credential = None if urlsplit(url).query else DefaultAzureCredential()
    return BlobClient.from_blob_url(url, credential=credential)


def child_url(prefix: str, name: str) -> str:
    """prefix/name, keeping any query string (SAS) on the end."""
    parts = urlsplit(prefix)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/" + name))


def fetch_snapshot(location: str, work_dir: str, file_name: str = "snapshot.ndjson.gz", what: str = "snapshot") -> str:
    """Returns a local path of the snapshot (or another input), downloading it first when it is a URL."""
    if not is_url(location):
        if not os.path.isfile(location):
            raise FileNotFoundError(f"{what} {location} does not exist")
        return location
    path = os.path.join(work_dir, file_name)
    with open(path, "wb") as target:
        _blob_client(location).download_blob().readinto(target)
    return path


class OutputSink:
    """Writes named files into a local folder, and uploads them too when the destination is a URL."""

    def __init__(self, destination: str):
        self.destination = destination
        self.upload = is_url(destination)
        self.local_dir = tempfile.mkdtemp(prefix="longview-out-") if self.upload else destination
        os.makedirs(self.local_dir, exist_ok=True)

    def write(self, name: str, data: bytes) -> str:
        path = os.path.join(self.local_dir, name)
        with open(path, "wb") as f:
            f.write(data)
        if self.upload:
            _blob_client(child_url(self.destination, name)).upload_blob(data, overwrite=True)
        return path
