"""The two implementations of :class:`console.client.StaffClient`: over HTTP and embedded."""
