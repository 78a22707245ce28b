/**
 * The rubric chatspec scores with unless given another; `chatspec test --print-rubric`
 * prints this text, so an instructor starts from it.
 */
export const DEFAULT_RUBRIC_YAML = `# chatspec rubric: points per requirement (see chatspec's docs/grading.md).
# The most specific rule wins: requirements, then commands (by level, or one number), then level.
# FRAME, PROTO and SESSION requirements count under the command "all".
name: default
# A NON-STRICT verdict (the behaviour right, a SHOULD text missed) earns this share, 0 to 1.
nonStrictCredit: 0.5
points:
  level:
    MUST: 2
    SHOULD: 1
    MAY: 0
  # commands:
  #   all: { MUST: 3 }       # framing, protocol and session rules
  #   SEND_GROUP_FILE: 1     # every requirement of send_group_file
  requirements:
    # Judged only for a server chatspec launches (its idle CPU): worth nothing by default, so a
    # class of servers chatspec only dials is scored out of the same total.
    PROCESS-1: 0
  #   SEND-2: 5              # one requirement
`;
