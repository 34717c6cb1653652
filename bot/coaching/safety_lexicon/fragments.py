"""Pattern pieces shared by several rule tables (medicines, "myself" and its typos,
time horizons, the people someone may worry about). Change one here and every rule
that uses it changes: run the safety tests and bench/safety_eval.py afterwards."""

from __future__ import annotations

DONT = r"(?:don'?t|do not|dnt|doesn'?t|does not|didn'?t|did not|no longer)"
CANT = r"(?:can'?t|cannot|can not|cnt|carnt|couldn'?t|could not)"

MEDS = (
    r"(?:pills?|tablets?|tabs|meds|medications?|medicines?|pain ?killers?|opioids?|opiates?"
    r"|oxy\w*|tramadol|tramal|codeine|co-?codamol|morphine|paracetamol|panadol|panadeine"
    r"|pregabalin|lyrica|gabapentin|neurontin|amitriptyline|diazepam|valium|benzos?"
    r"|sleeping (?:pills|tablets)|sleepers|insulin|fentanyl|tapentadol|endone|hydrocodone"
    r"|percocet|norco|vicodin|ibuprofen|nurofen|tylenol|codral|zopiclone|quetiapine"
    r"|sertraline|antidepressants?|lithium|aspirin|patches)"
)

# The end of a clause: punctuation, end of text, or a new clause starting.
CLAUSE_END = r"(?=\s*(?:$|[.!?,;:\"')]|\b(?:and|but|i|im|i'm|so|because|cos|coz|lol|tbh|fr)\b))"

ACCIDENT = (
    r"^\W*(?:shaving|on (?:a|the|some|my)\b|(?:while|when) (?:i was |i'?m )?(?:cooking"
    r"|chopping|shaving|gardening|slicing|peeling|opening|making|working|fixing|cutting)"
    r"|cooking|chopping|gardening|slicing"
    r"|peeling|opening|by (?:accident|mistake)|accidentally|with (?:a|the) (?:knife|kettle"
    r"|iron|saw)|at work|in the kitchen|on the (?:oven|stove|pan|iron))"
)
