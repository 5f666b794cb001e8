"""The secretariat's documents typeset as PDF: meeting agendas and decisions (issue 12)."""
