"""Safety: recording crisis and red-flag events and alerting the clinic about them."""
