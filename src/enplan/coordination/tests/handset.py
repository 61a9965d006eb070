"""A small data set scored by hand, covering every scoring rule.

Groups A (4 respondents), B (3) and C (2, below the minimum of 3).

- A→A: a1 and a3 answer 5 throughout, a2 and a4 answer 4: the tie is exactly 4.5, which
  is *medium* within a group (high needs more than 4.5).
- A→B: a1 and a4 answer 4 throughout; a2 answers 5 of 7 (5, 3, 4, 4, 4, two "don't know"),
  mean 4; a3 answers only 3 of 7 (all 1s) and is left out. Tie (4 + 4 + 4) / 3 = 4.0
  exactly: *medium* between groups (high needs more than 4.0). Frequent (4 + 5 + 4) / 3
  = 4.33, timely (4 + 3 + 4) / 3 = 3.67; shared knowledge and respect have only 2 answers
  and are hidden.
- A→C: a1, a2 answer 5, a3 answers 4; a4 says nothing about C. (5 + 5 + 4) / 3 = 4.67, high.
- B→A: b1 answers exactly 4 dimensions (3, 4, 3, 4), b2 six (3, 4, 3, 4, 3, 4), b3 four
  (4, 3, 4, 3): every respondent mean is 3.5, so the tie is 3.5 exactly: *medium* (from 3.5).
- B→B: everyone answers 4 about their own group: 4.0 exactly, *medium* within (from 4.0).
- B→C: b1 answers 3, b2 answers 4 throughout, b3 answers six dimensions (3, 4, 3, 4, 3, 3),
  mean 20/6. Tie (3 + 4 + 10/3) / 3 = 31/9 = 3.444…: *low* (just below 3.5), shown as 3.44.
- C→A and C→C: only two respondents: "too few answers", count kept, the rest empty.
- C→B: nobody answered: 0 respondents.
"""

from enplan.coordination.scoring import DIMENSIONS

F, T, A, P, G, K, R = DIMENSIONS


def _all(respondent, group, about, score):
    return [(respondent, group, about, d, score) for d in DIMENSIONS]


def _some(respondent, group, about, scores: dict):
    return [(respondent, group, about, d, scores.get(d)) for d in DIMENSIONS]


ROWS = [
    *_all("a1", "A", "A", 5),
    *_all("a2", "A", "A", 4),
    *_all("a3", "A", "A", 5),
    *_all("a4", "A", "A", 4),
    *_all("a1", "A", "B", 4),
    *_some("a2", "A", "B", {F: 5, T: 3, A: 4, P: 4, G: 4}),
    *_some("a3", "A", "B", {F: 1, T: 1, A: 1}),
    *_all("a4", "A", "B", 4),
    *_all("a1", "A", "C", 5),
    *_all("a2", "A", "C", 5),
    *_all("a3", "A", "C", 4),
    *_some("b1", "B", "A", {F: 3, T: 4, A: 3, P: 4}),
    *_some("b2", "B", "A", {F: 3, T: 4, A: 3, P: 4, G: 3, K: 4}),
    *_some("b3", "B", "A", {F: 4, T: 3, A: 4, P: 3}),
    *_all("b1", "B", "B", 4),
    *_all("b2", "B", "B", 4),
    *_all("b3", "B", "B", 4),
    *_all("b1", "B", "C", 3),
    *_all("b2", "B", "C", 4),
    *_some("b3", "B", "C", {F: 3, T: 4, A: 3, P: 4, G: 3, K: 3}),
    *_all("c1", "C", "A", 5),
    *_all("c2", "C", "A", 5),
    *_all("c1", "C", "C", 4),
    *_all("c2", "C", "C", 4),
]

EXPECTED_CSV = """\
from_group,to_group,respondents,score,level,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,respect
A,A,4,4.50,medium,4.50,4.50,4.50,4.50,4.50,4.50,4.50
A,B,3,4.00,medium,4.33,3.67,4.00,4.00,4.00,,
A,C,3,4.67,high,4.67,4.67,4.67,4.67,4.67,4.67,4.67
B,A,3,3.50,medium,3.33,3.67,3.33,3.67,,,
B,B,3,4.00,medium,4.00,4.00,4.00,4.00,4.00,4.00,4.00
B,C,3,3.44,low,3.33,3.67,3.33,3.67,3.33,3.33,
C,A,2,,,,,,,,,
C,B,0,,,,,,,,,
C,C,2,,,,,,,,,
"""


def as_csv() -> str:
    lines = ["respondent,respondent_group,about_group,dimension,score"]
    for respondent, group, about, dimension, score in ROWS:
        lines.append(f"{respondent},{group},{about},{dimension},{'' if score is None else score}")
    return "\n".join(lines) + "\n"
