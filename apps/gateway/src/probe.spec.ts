import { generateKeyPair } from 'jose';
import { Injectable } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloServer } from '@apollo/server';
it('loads', async () => { expect(typeof generateKeyPair).toBe('function'); expect(Injectable).toBeDefined(); expect(GraphQLModule).toBeDefined(); expect(ApolloServer).toBeDefined(); });
