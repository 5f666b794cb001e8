"""The public Afgørelsesregister and Huslejeregister: pages, JSON and CSV, without a login."""
