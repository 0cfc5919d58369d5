"""The main window's parts, split out of ``ui/main_window.py``: the open flow and its generation
(:mod:`.open_flow`, over the lane jobs of :mod:`.opening`), the analysis as shown at the confidence bar
(:mod:`.shown_analysis`), dialogs, clipboard, folder import and drops (:mod:`.files`), theme, zoom and
layers (:mod:`.look`), actions declared as data (:mod:`.actions`), the menu bar and toolbar built from
those declarations (:mod:`.menus`), the status bar with its progress and Cancel (:mod:`.status`), the
error banner with its choices (:mod:`.banner`), docks (:mod:`.docks`), the help boxes (:mod:`.help`),
counts (:mod:`.counts`) and moving through the article (:mod:`.navigation`). ``MainWindow`` assembles
them and keeps its public attribute names (``actions_by_name``, ``menus``, ``toolbar``, ``banner``,
``counts_label`` …). GUI thread only."""
