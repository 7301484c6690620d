package engine

// Welcome is how a conversation opens, before the person has said anything:
// the content's welcome message and the topics they may pick (the quick
// replies of the fallback_topics intent). It reads no session and starts
// none, so a channel can show it as often as it likes.
func (e *Engine) Welcome() Reply {
	set := e.Content()
	return Reply{
		Messages:     []Message{{Text: set.Message("welcome"), Kind: KindInfo}},
		QuickReplies: topicReplies(set),
		Source:       SourceWelcome,
	}
}
