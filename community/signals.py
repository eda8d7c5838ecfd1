"""What happens in the forum, for whoever wants to know (notifications, later the tracker).

Every signal is sent after the transaction that made the change has committed, so a
receiver never sees a post that is rolled back, and may enqueue background tasks freely.
"""

from django.dispatch import Signal

# A post was written: a reply, or the first post of a new topic (topic_created=True).
# Arguments: post, topic_created (bool), mentioned (the members @mentioned in it).
post_created = Signal()

# A reply was marked as the topic's solution. Arguments: topic, post, by (who marked it).
solution_chosen = Signal()

# A member reacted to a post (a new reaction, not a repeated click). Argument: reaction.
reaction_added = Signal()
