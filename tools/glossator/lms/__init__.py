"""The reader in a course site: an IMS Common Cartridge of web links and a syllabus
(``glossator lms``, ``make lms``); see ``cartridge.py``."""
