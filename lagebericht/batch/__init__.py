"""Many reports at once: find them (discover), see what changed (planning), build them in
parallel (execute), and keep the output folder's record and manifest (state, manifest).
"""

from lagebericht.batch.execute import run
from lagebericht.batch.manifest import MANIFEST_FILE, update_manifest
from lagebericht.batch.planning import BatchOptions, Planned, plan

__all__ = ["MANIFEST_FILE", "BatchOptions", "Planned", "plan", "run", "update_manifest"]
