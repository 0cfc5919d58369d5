"""Rule-driven hedge and commitment cues and the passage each governs (``stance_hedges``,
``stance_commitments``; registered in ``nlp/components.py``).

Read in this order: ``rule`` (what a rule line says), ``rule_files`` (reading the rule files and word
lists under ``models/``), ``trigger_index`` (where patterns match), ``engine`` (the component: match,
check, negation, mark), ``checks/`` (the ``when`` tests, by theme), ``scope`` (the governed passage),
``marks`` (cue text and one mark per cue), ``forecasts`` (rival-side futures) and ``lists`` (items under
a "… will:" header).
"""
