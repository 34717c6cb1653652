"""Booster check-ins: schedule maths (`schedule`), free-text preferences (`text`), the
delivery log and claims (`store`), Rasa's HTTP API (`rasa_api`) and the sweeper (`sweeper`)."""
