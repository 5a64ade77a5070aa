# The project's Jupyter server configuration, used by `make lab`
# (jupyter lab --config=jupyter/jupyter_server_config.py). See docs/jupyterlab.md.
from pathlib import Path

c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)

# Notebooks are saved without outputs or execution counts (workbench/lab/save.py):
# running cells in Lab never changes a tracked notebook; run records under reports/ keep theirs.
# A notebook the hook cannot strip is refused (HTTP 400 with a message), never saved as is.
c.ContentsManager.pre_save_hook = "workbench.lab.save.strip_on_save"

# Serve the whole project (reports/ is browsable and downloadable), opening in notebooks/.
c.ServerApp.root_dir = str(Path(__file__).resolve().parent.parent)
c.LabApp.default_url = "/lab/tree/notebooks"
